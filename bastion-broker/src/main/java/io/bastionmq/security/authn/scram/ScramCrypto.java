package io.bastionmq.security.authn.scram;

import io.bastionmq.store.ScramKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SCRAM functions of RFC 5802 §2.2 and §3 on the JCA: {@code Hi} is PBKDF2 with HMAC-H
 * ({@code dkLen} = the output size of H), HMAC and H are {@link Mac} and {@link MessageDigest}.
 */
public final class ScramCrypto {
    private static final byte[] CLIENT_KEY = "Client Key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_KEY = "Server Key".getBytes(StandardCharsets.US_ASCII);

    private ScramCrypto() {}

    /** The verifier of {@code password} for these algorithms (RFC 5802 §3). Costs {@code iterations} HMACs. */
    public static ScramKeys keys(ScramAlgorithms a, char[] password, byte[] salt, int iterations) {
        char[] prepared = SaslPrep.prepare(new String(password)).toCharArray();
        byte[] salted = hi(a, prepared, salt, iterations);
        Arrays.fill(prepared, '\0');
        try {
            byte[] clientKey = hmac(a, salted, CLIENT_KEY);
            return new ScramKeys(salt, iterations, hash(a, clientKey), hmac(a, salted, SERVER_KEY));
        } finally {
            Arrays.fill(salted, (byte) 0);
        }
    }

    /** {@code Hi(str, salt, i)}: PBKDF2 with HMAC-H, one block of H's size. */
    static byte[] hi(ScramAlgorithms a, char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, a.length() * 8);
        try {
            return SecretKeyFactory.getInstance(a.pbkdf2()).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(a.pbkdf2() + " is not available in this JVM", e);
        } finally {
            spec.clearPassword();
        }
    }

    public static byte[] hmac(ScramAlgorithms a, byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(a.hmac());
            mac.init(new SecretKeySpec(key, a.hmac()));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(a.hmac() + " is not available in this JVM", e);
        }
    }

    public static byte[] hash(ScramAlgorithms a, byte[] data) {
        try {
            return MessageDigest.getInstance(a.digest()).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(a.digest() + " is not available in this JVM", e);
        }
    }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }
}
