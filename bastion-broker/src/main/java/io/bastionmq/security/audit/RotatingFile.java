package io.bastionmq.security.audit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An append-only file rotated by size: {@code audit.log} becomes {@code audit.log.1}, the older
 * ones shift up, and the oldest beyond {@code maxFiles} is deleted. Used by one thread only.
 */
final class RotatingFile implements AutoCloseable {
    private final Path file;
    private final long maxSize;
    private final int maxFiles;
    private OutputStream out;
    private long size;

    RotatingFile(Path file, long maxSize, int maxFiles) throws IOException {
        this.file = file;
        this.maxSize = maxSize;
        this.maxFiles = maxFiles;
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        open();
    }

    private void open() throws IOException {
        // Buffered: the writer flushes once per batch, so a batch is one write(2), not one per line.
        out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE), 64 * 1024);
        size = Files.size(file);
    }

    void writeLine(String line) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (size > 0 && size + bytes.length > maxSize) {
            rotate();
        }
        out.write(bytes);
        size += bytes.length;
    }

    void flush() throws IOException {
        out.flush();
    }

    private void rotate() throws IOException {
        out.close();
        Files.deleteIfExists(numbered(maxFiles));
        for (int i = maxFiles - 1; i >= 1; i--) {
            if (Files.exists(numbered(i))) {
                Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(numbered(maxFiles + 1));
        open();
    }

    private Path numbered(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
