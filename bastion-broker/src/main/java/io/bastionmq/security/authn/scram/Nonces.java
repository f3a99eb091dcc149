package io.bastionmq.security.authn.scram;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

/** Server nonces: 18 random bytes, base64 (24 printable characters, never ','), RFC 5802 §5.1 and §9. */
public final class Nonces implements Supplier<String> {
    static final int BYTES = 18;
    private final SecureRandom random = new SecureRandom();

    @Override
    public String get() {
        byte[] b = new byte[BYTES];
        random.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
