package io.bastionmq.security.authn.scram;

import io.bastionmq.store.CredentialRecord;
import io.bastionmq.store.CredentialStore;
import io.bastionmq.store.ScramKeys;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Verifiers from the credential store. A name without a verifier for the mechanism (unknown, or
 * an imported hash whose password the broker has not seen yet) gets fake keys derived from a
 * server secret: {@code HMAC(secret, purpose | mechanism | name)}. The same name always gets the
 * same salt, so asking twice does not tell a fake from a real user (RFC 5802 §9); the secret
 * keeps the salt unpredictable, so it cannot be precomputed either.
 */
public final class StoredVerifiers implements ScramServer.Verifiers {
    /** Salt length of the verifiers the broker writes, and of the fake ones, which must look alike. */
    public static final int SALT_BYTES = 16;

    private final CredentialStore store;
    private final byte[] secret;
    private final int iterations;

    /** @param iterations what a fake verifier claims: the count new verifiers are made with */
    public StoredVerifiers(CredentialStore store, byte[] secret, int iterations) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the SCRAM server secret needs at least 16 bytes");
        }
        this.store = store;
        this.secret = secret.clone();
        this.iterations = iterations;
    }

    @Override
    public ScramServer.Verifier find(ScramMechanism mechanism, String user) {
        Optional<CredentialRecord> found = store.findCredential(user);
        ScramKeys keys = found.map(c -> mechanism == ScramMechanism.SHA_256 ? c.scramSha256() : c.scramSha512()).orElse(null);
        if (keys != null) {
            return new ScramServer.Verifier(keys, found.get());
        }
        return new ScramServer.Verifier(fake(mechanism, user), null);
    }

    private ScramKeys fake(ScramMechanism mechanism, String user) {
        ScramAlgorithms a = mechanism.algorithms();
        byte[] salt = Arrays.copyOf(derive(a, "salt", mechanism, user), SALT_BYTES);
        return new ScramKeys(salt, iterations, derive(a, "stored", mechanism, user), derive(a, "server", mechanism, user));
    }

    private byte[] derive(ScramAlgorithms a, String purpose, ScramMechanism mechanism, String user) {
        byte[] label = (purpose + "\0" + mechanism.saslName() + "\0" + user).getBytes(StandardCharsets.UTF_8);
        return ScramCrypto.hmac(a, secret, label);
    }
}
