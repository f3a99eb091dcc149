package io.bastionmq.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T01:02:03.456Z"), ZoneOffset.UTC);
    @TempDir Path dir;

    @Test
    void writesOneJsonObjectPerLine() throws Exception {
        Path file = dir.resolve("audit/audit.log");
        try (AuditLog log = AuditLog.open(file, 1 << 20, 3, 100, CLOCK)) {
            log.authFailed("dev\n1", "dev1", "10.0.0.7:5000", "tls", "bad credentials");
            log.authorizationDenied("dev1", null, null, "tcp", "subscribe #: DENIED");
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("time").asText()).isEqualTo("2026-11-22T01:02:03.456Z");
        assertThat(first.get("event").asText()).isEqualTo("auth_failure");
        assertThat(first.get("client_id").asText()).isEqualTo("dev\n1");
        assertThat(first.get("remote").asText()).isEqualTo("10.0.0.7:5000");
        assertThat(first.get("listener").asText()).isEqualTo("tls");
        assertThat(new ObjectMapper().readTree(lines.get(1)).get("username").isNull()).isTrue();
    }

    @Test
    void rotatesBySizeAndKeepsMaxFiles() throws Exception {
        Path file = dir.resolve("audit.log");
        try (AuditLog log = AuditLog.open(file, 4096, 2, 10_000, CLOCK)) {
            for (int i = 0; i < 200; i++) {
                log.aclChanged("u" + i, "added allow user u" + i + " all devices/u" + i + "/#");
            }
        }
        assertThat(file).exists();
        assertThat(dir.resolve("audit.log.1")).exists();
        assertThat(dir.resolve("audit.log.2")).exists();
        assertThat(dir.resolve("audit.log.3")).doesNotExist();
        assertThat(Files.size(file)).isLessThanOrEqualTo(4096);
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
        try (AuditLog log = AuditLog.open(dir.resolve("a.log"), 1 << 20, 1, 16, CLOCK)) {
            long start = System.nanoTime();
            for (int i = 0; i < 100_000; i++) {
                log.authFailed("c", "u", null, null, "bad credentials");
            }
            assertThat(System.nanoTime() - start).as("never waits for the disk").isLessThan(2_000_000_000L);
            log.close();
            assertThat(log.dropped() + log.written()).isEqualTo(100_000);
        }
    }

    @Test
    void disabledRecordsNothing() {
        AuditLog log = AuditLog.disabled();
        log.authSucceeded("c", "u", null, null, "password");
        assertThat(log.written()).isZero();
        log.close();
    }
}
