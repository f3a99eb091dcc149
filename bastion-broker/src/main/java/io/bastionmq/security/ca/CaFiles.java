package io.bastionmq.security.ca;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The layout of a CA directory, and the one way files are written into it: to a temporary file
 * with its final permissions, then renamed over the old one, so a reader sees the old file or the
 * new one, never a torn one.
 */
public record CaFiles(Path dir) {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");
    static final Set<PosixFilePermission> DIR_OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    public Path caCert() { return dir.resolve("ca.pem"); }
    public Path caKey() { return dir.resolve("ca-key.pem"); }
    public Path serverCert() { return dir.resolve("server.pem"); }
    public Path serverKey() { return dir.resolve("server-key.pem"); }
    public Path crl() { return dir.resolve("crl.pem"); }
    public Path index() { return dir.resolve("index.tsv"); }
    public Path devices() { return dir.resolve("devices"); }
    Path lock() { return dir.resolve(".lock"); }

    /** The CA exists when its certificate and key both do. */
    public boolean exists() {
        return Files.isRegularFile(caCert()) && Files.isRegularFile(caKey());
    }

    static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir); // not a POSIX file system; permissions are the OS default
        } catch (FileAlreadyExistsException e) {
            // created concurrently: fine
        }
    }

    /** Writes {@code text} to {@code target} atomically, with {@code permissions} from the first byte. */
    static void writeAtomically(Path target, String text, Set<PosixFilePermission> permissions) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Path tmp;
        try {
            tmp = Files.createTempFile(parent, "." + target.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(permissions));
        } catch (UnsupportedOperationException e) {
            tmp = Files.createTempFile(parent, "." + target.getFileName(), ".tmp");
        }
        try {
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
