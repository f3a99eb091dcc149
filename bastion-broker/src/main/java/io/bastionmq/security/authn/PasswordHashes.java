package io.bastionmq.security.authn;

import io.bastionmq.security.authn.scram.ScramCrypto;
import io.bastionmq.security.authn.scram.ScramMechanism;
import io.bastionmq.security.authn.scram.StoredVerifiers;
import io.bastionmq.store.CredentialRecord;
import io.bastionmq.store.ScramKeys;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Password hashes as stored: Argon2id in the PHC string format, written by this broker; and two
 * imported formats that are verified, then replaced by Argon2id on the next successful login
 * ({@link #needsRehash}).
 *
 * <pre>
 * $argon2id$v=19$m=19456,t=2,p=1$&lt;salt b64&gt;$&lt;hash b64&gt;   PHC; base64 without padding
 * $7$101$&lt;salt b64&gt;$&lt;hash b64&gt;                          Mosquitto 2.x: PBKDF2-HMAC-SHA512, 64-byte hash
 * $2a$10$&lt;22 chars salt&gt;&lt;31 chars hash&gt;                  bcrypt ($2a$, $2b$, $2y$)
 * </pre>
 *
 * Beside the hash, the broker stores the SCRAM verifiers of the same password ({@link #withPassword}),
 * so that MQTT 5 clients can log in with SCRAM-SHA-256/-512 without sending the password.
 *
 * <p>Every comparison is constant-time ({@link MessageDigest#isEqual}). Hashing is slow on purpose:
 * never call it on an event loop.
 */
public final class PasswordHashes {
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final HashParameters parameters;
    private final SecureRandom random = new SecureRandom();

    public PasswordHashes(HashParameters parameters) {
        this.parameters = parameters;
    }

    public HashParameters parameters() {
        return parameters;
    }

    /** A new Argon2id hash of {@code password} with a fresh random salt. */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] out = argon2id(password, salt, parameters.memoryKib(), parameters.iterations(), parameters.parallelism(), HASH_BYTES);
        return "$argon2id$v=19$m=" + parameters.memoryKib() + ",t=" + parameters.iterations() + ",p=" + parameters.parallelism()
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
    }

    /**
     * {@code base} with a new password: a fresh Argon2id hash and fresh SCRAM-SHA-256 and
     * SCRAM-SHA-512 verifiers (RFC 5802 §3), each with its own random salt. Slow: never on an event loop.
     */
    public CredentialRecord withPassword(CredentialRecord base, char[] password) {
        return base.withPassword(hash(password), scram(ScramMechanism.SHA_256, password), scram(ScramMechanism.SHA_512, password));
    }

    /** A SCRAM verifier of {@code password} with a fresh salt and the configured iteration count. */
    public ScramKeys scram(ScramMechanism mechanism, char[] password) {
        byte[] salt = new byte[StoredVerifiers.SALT_BYTES];
        random.nextBytes(salt);
        return ScramCrypto.keys(mechanism.algorithms(), password, salt, parameters.scramIterations());
    }

    /** True when the credential lacks a SCRAM verifier, or has one of another iteration count: renew it at the next password login. */
    public boolean needsScram(CredentialRecord c) {
        return c.scramSha256() == null || c.scramSha512() == null
                || c.scramSha256().iterations() != parameters.scramIterations()
                || c.scramSha512().iterations() != parameters.scramIterations();
    }

    /** Whether {@code password} matches {@code encoded}; false for any format this class does not know. */
    public static boolean verify(String encoded, char[] password) {
        try {
            if (encoded.startsWith("$argon2id$")) {
                return verifyArgon2id(encoded, password);
            }
            if (encoded.startsWith("$7$")) {
                return verifyPbkdf2(encoded, password);
            }
            if (encoded.startsWith("$2a$") || encoded.startsWith("$2b$") || encoded.startsWith("$2y$")) {
                return OpenBSDBCrypt.checkPassword(encoded, password);
            }
            return false;
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return false; // a malformed stored hash never matches
        }
    }

    /** True when {@code encoded} is not Argon2id with this instance's parameters: rehash it after a successful login. */
    public boolean needsRehash(String encoded) {
        return !encoded.startsWith("$argon2id$v=19$m=" + parameters.memoryKib() + ",t=" + parameters.iterations()
                + ",p=" + parameters.parallelism() + "$");
    }

    private static boolean verifyArgon2id(String encoded, char[] password) {
        String[] parts = encoded.split("\\$");
        // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
        if (parts.length != 6 || !parts[2].equals("v=19")) {
            return false;
        }
        int m = -1, t = -1, p = -1;
        for (String kv : parts[3].split(",")) {
            String[] pair = kv.split("=", 2);
            int value = Integer.parseInt(pair[1]);
            switch (pair[0]) {
                case "m" -> m = value;
                case "t" -> t = value;
                case "p" -> p = value;
                default -> { return false; }
            }
        }
        HashParameters checked = new HashParameters(m, t, p); // refuses absurd costs from a tampered store
        byte[] salt = B64D.decode(parts[4]);
        byte[] expected = B64D.decode(parts[5]);
        byte[] actual = argon2id(password, salt, checked.memoryKib(), checked.iterations(), checked.parallelism(), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    private static boolean verifyPbkdf2(String encoded, char[] password) {
        String[] parts = encoded.split("\\$");
        // "", "7", iterations, salt, hash
        if (parts.length != 5) {
            return false;
        }
        int iterations = Integer.parseInt(parts[2]);
        if (iterations < 1 || iterations > 10_000_000) {
            return false;
        }
        byte[] salt = B64D.decode(parts[3]);
        byte[] expected = B64D.decode(parts[4]);
        PKCS5S2ParametersGenerator gen = new PKCS5S2ParametersGenerator(new SHA512Digest());
        byte[] pw = utf8(password);
        try {
            gen.init(pw, salt, iterations);
            byte[] actual = ((KeyParameter) gen.generateDerivedParameters(expected.length * 8)).getKey();
            return MessageDigest.isEqual(expected, actual);
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }

    private static byte[] argon2id(char[] password, byte[] salt, int m, int t, int p, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(m).withIterations(t).withParallelism(p).withSalt(salt).build();
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(params);
        byte[] out = new byte[length];
        byte[] pw = utf8(password);
        try {
            gen.generateBytes(pw, out);
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
        return out;
    }

    static byte[] utf8(char[] password) {
        ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] out = new byte[b.remaining()];
        b.get(out);
        if (b.hasArray()) {
            Arrays.fill(b.array(), (byte) 0);
        }
        return out;
    }
}
