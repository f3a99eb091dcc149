package io.bastionmq.it.support;

import io.bastionmq.config.AuditConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** The audit log of a test broker: written to a file of the test's, read back once a line has arrived. */
public final class AuditLogs {
    private AuditLogs() {}

    /** The {@code audit:} section writing to {@code file}, default limits. */
    public static AuditConfig to(Path file) {
        return new AuditConfig(true, file, AuditConfig.MAX_FILE_SIZE_DEFAULT, AuditConfig.MAX_FILES_DEFAULT,
                AuditConfig.QUEUE_CAPACITY_DEFAULT);
    }

    /** The file's text once it contains {@code needle} (the log is written by a background thread), or after 5 s. */
    public static String awaitContent(Path file, String needle) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(5));
        String text = "";
        while (Instant.now().isBefore(until)) {
            text = Files.exists(file) ? Files.readString(file) : "";
            if (text.contains(needle)) {
                break;
            }
            Thread.sleep(50);
        }
        return text;
    }
}
