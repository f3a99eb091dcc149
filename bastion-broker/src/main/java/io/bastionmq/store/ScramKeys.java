package io.bastionmq.store;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The SCRAM verifier of one credential for one hash (RFC 5802 §3, RFC 7677): what the server
 * needs to check a client's proof and to prove itself, never the password.
 *
 * <pre>
 * SaltedPassword = Hi(Normalize(password), salt, iterations)      PBKDF2 with HMAC-H
 * StoredKey      = H(HMAC(SaltedPassword, "Client Key"))
 * ServerKey      = HMAC(SaltedPassword, "Server Key")
 * </pre>
 *
 * StoredKey and ServerKey are not the password, but a stolen pair allows an offline guess at it,
 * and ServerKey lets a thief impersonate the server: they are stored like the password hash.
 *
 * @param iterations PBKDF2 iteration count, at least 4096 (RFC 7677 §4)
 */
public record ScramKeys(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
    public ScramKeys {
        if (iterations < 1) {
            throw new IllegalArgumentException("SCRAM iteration count must be positive, got " + iterations);
        }
        if (salt.length == 0 || storedKey.length == 0 || storedKey.length != serverKey.length) {
            throw new IllegalArgumentException("SCRAM keys are empty or of different lengths");
        }
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] storedKey() {
        return storedKey.clone();
    }

    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramKeys k && iterations == k.iterations && Arrays.equals(salt, k.salt)
                && MessageDigest.isEqual(storedKey, k.storedKey) && MessageDigest.isEqual(serverKey, k.serverKey);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(salt) + iterations;
    }

    /** Never prints the keys (C25: no secrets in logs). */
    @Override
    public String toString() {
        return "ScramKeys[iterations=" + iterations + ", keys=(hidden)]";
    }
}
