package io.bastionmq.config;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The {@code audit:} section (THREATS.md C25): the append-only security audit log.
 *
 * @param enabled       write the audit log
 * @param file          the log file; null means {@code <data_dir>/audit/audit.log}
 * @param maxFileSize   bytes after which the file is rotated
 * @param maxFiles      rotated files kept ({@code audit.log.1} … {@code audit.log.N})
 * @param queueCapacity events waiting for the writer thread; beyond it events are dropped and counted
 */
public record AuditConfig(boolean enabled, @Nullable Path file, long maxFileSize, int maxFiles, int queueCapacity) {
    public static final long MAX_FILE_SIZE_DEFAULT = 10L * 1024 * 1024;
    public static final long MAX_FILE_SIZE_MINIMUM = 4 * 1024;
    public static final long MAX_FILE_SIZE_MAXIMUM = 1L << 40;
    public static final int MAX_FILES_DEFAULT = 10;
    public static final int MAX_FILES_MINIMUM = 1;
    public static final int MAX_FILES_MAXIMUM = 1_000;
    public static final int QUEUE_CAPACITY_DEFAULT = 10_000;
    public static final int QUEUE_CAPACITY_MINIMUM = 16;
    public static final int QUEUE_CAPACITY_MAXIMUM = 10_000_000;

    public static final AuditConfig DEFAULT = new AuditConfig(true, null, MAX_FILE_SIZE_DEFAULT, MAX_FILES_DEFAULT, QUEUE_CAPACITY_DEFAULT);

    public AuditConfig {
        Bounds.check("max_file_size", maxFileSize, MAX_FILE_SIZE_MINIMUM, MAX_FILE_SIZE_MAXIMUM);
        Bounds.check("max_files", maxFiles, MAX_FILES_MINIMUM, MAX_FILES_MAXIMUM);
        Bounds.check("queue_capacity", queueCapacity, QUEUE_CAPACITY_MINIMUM, QUEUE_CAPACITY_MAXIMUM);
    }

    /** Where the log goes for a broker whose data directory is {@code dataDir}. */
    public Path fileIn(Path dataDir) {
        return file != null ? file : dataDir.resolve("audit").resolve("audit.log");
    }
}
