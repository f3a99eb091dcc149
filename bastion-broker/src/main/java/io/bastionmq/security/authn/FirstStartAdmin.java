package io.bastionmq.security.authn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first user of a new durable broker (THREATS.md C1, C3, C22): when the credential store
 * holds no user or device at all, creates the user {@value #USER} (admin flag set) with a password
 * from the same generator as {@code bastion device add}, and writes that password once to
 * {@code <data_dir>/}{@value #PASSWORD_FILE}, created with mode 0600 from the start. The file is
 * never rewritten: once any credential exists, nothing happens, and a file left from earlier is
 * never overwritten.
 */
public final class FirstStartAdmin {
    /** The name of the user created on the first start. */
    public static final String USER = "admin";
    /** The file in the data directory that receives the generated password. */
    public static final String PASSWORD_FILE = "admin-password";

    private static final Logger log = LoggerFactory.getLogger(FirstStartAdmin.class);

    private FirstStartAdmin() {}

    /** The user created on this start: where its password was written, and the password (to print once). */
    public record Created(Path file, String password) {
        @Override
        public String toString() {
            return "Created[file=" + file + ", password=(hidden)]";
        }
    }

    /**
     * Creates the first admin if the store is durable and holds no credential; returns it, or
     * empty when nothing was created (memory store, a credential exists, or a stale password file
     * is in the way, which is logged).
     */
    public static Optional<Created> ensure(Enrolment enrolment, Path dataDir, boolean durable) {
        if (!durable || !enrolment.list().isEmpty()) {
            return Optional.empty();
        }
        Path file = dataDir.resolve(PASSWORD_FILE);
        try {
            createOwnerOnly(file);
        } catch (FileAlreadyExistsException e) {
            log.warn("the credential store holds no user, but {} already exists: no '{}' user created and the file left"
                    + " as it is; delete the file and restart, or add a user with: bastion user add NAME --admin", file, USER);
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
        String password = null;
        try {
            password = enrolment.addUserWithGeneratedPassword(USER, Set.of(), true);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap((password + "\n").getBytes(StandardCharsets.US_ASCII));
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
                ch.force(true);
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file, e);
            if (password != null) {
                enrolment.delete(USER); // no file, no usable password: the next start tries again
            }
            throw e instanceof IOException io ? new UncheckedIOException("cannot write " + file, io) : (RuntimeException) e;
        }
        log.warn("created the user '{}' with a random password written to {} (readable by the owner only):"
                + " read it, then delete the file; it is not written again", USER, file);
        return Optional.of(new Created(file, password));
    }

    /** Creates an empty file readable and writable by its owner only, from the start (no window with wider rights). */
    static void createOwnerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
            var f = file.toFile();
            boolean restricted = f.setReadable(false, false) && f.setReadable(true, true)
                    && f.setWritable(false, false) && f.setWritable(true, true);
            if (!restricted) {
                log.warn("could not restrict {} to its owner on this file system: protect it yourself", file);
            }
        }
    }

    private static void deleteQuietly(Path file, Exception cause) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
