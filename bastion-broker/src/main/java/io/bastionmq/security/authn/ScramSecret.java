package io.bastionmq.security.authn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The server secret from which SCRAM answers for unknown user names are derived
 * ({@link io.bastionmq.security.authn.scram.StoredVerifiers}). It must outlive restarts: were it
 * drawn anew at each start, the salt shown for an unknown name would change across a restart
 * while a real user's stays, which tells the two apart (RFC 5802 §9). A durable broker keeps it in
 * {@code <data_dir>/}{@value #FILE} (32 random bytes, owner-only, created once); a broker on the
 * memory store has no durable users either and draws one per process.
 */
public final class ScramSecret {
    public static final String FILE = "scram-secret";
    static final int BYTES = 32;

    private ScramSecret() {}

    public static byte[] load(Path dataDir, boolean durable) {
        byte[] fresh = new byte[BYTES];
        new SecureRandom().nextBytes(fresh);
        if (!durable) {
            return fresh;
        }
        Path file = dataDir.resolve(FILE);
        try {
            try {
                FirstStartAdmin.createOwnerOnly(file);
                Files.write(file, fresh);
                return fresh;
            } catch (FileAlreadyExistsException e) {
                byte[] stored = Files.readAllBytes(file);
                if (stored.length < 16) {
                    throw new IllegalStateException(file + " holds " + stored.length + " bytes, fewer than 16:"
                            + " delete it and restart (unknown user names then get other fake salts)");
                }
                return stored;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}
