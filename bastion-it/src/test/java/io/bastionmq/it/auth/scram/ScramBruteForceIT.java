package io.bastionmq.it.auth.scram;

import static io.bastionmq.it.auth.scram.ScramBrokers.PW;
import static io.bastionmq.it.auth.scram.ScramBrokers.attempt;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.bastionmq.it.support.AuditLogs;
import io.bastionmq.it.support.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** THREATS.md C4 and C25 for SCRAM: back-off, lockout, no enumeration, audit lines without secrets. */
class ScramBruteForceIT {
    @TempDir Path dir;

    @Test
    void scramFailuresAreAnsweredAfterAGrowingDelay() {
        try (TestBroker broker = TestBroker.builder().anonymous(false)
                .authentication(ScramBrokers.scram(ScramBrokers.bruteForce(100, Duration.ofSeconds(1), Duration.ofMillis(200))))
                .user("alice", PW).start()) {
            long first = timed(() -> attempt(broker, "d1", new HiveMqScram("SCRAM-SHA-256", "alice", "wrong-wrong-1")));
            long second = timed(() -> attempt(broker, "d2", new HiveMqScram("SCRAM-SHA-256", "nobody", "wrong-wrong-2")));
            long third = timed(() -> attempt(broker, "d3", new HiveMqScram("SCRAM-SHA-512", "alice", "wrong-wrong-3")));
            assertThat(first).isGreaterThanOrEqualTo(190);
            assertThat(second).isGreaterThanOrEqualTo(390);
            assertThat(third).isGreaterThanOrEqualTo(790);
        }
    }

    @Test
    void afterTheLockoutEvenTheRightScramProofIsRefusedUntilItExpires() throws Exception {
        try (TestBroker broker = TestBroker.builder().anonymous(false)
                .authentication(ScramBrokers.scram(ScramBrokers.bruteForce(3, Duration.ofSeconds(2), Duration.ZERO)))
                .user("alice", PW).start()) {
            for (int i = 0; i < 3; i++) {
                assertThat(attempt(broker, "l" + i, new HiveMqScram("SCRAM-SHA-256", "alice", "guess-" + i + "-guess")))
                        .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
            }
            // The address is locked out (and banned, C17): refused before or at SCRAM, whichever comes first.
            assertThat(attempt(broker, "locked", new HiveMqScram("SCRAM-SHA-256", "alice", PW))).isNotEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            Thread.sleep(2_300);
            assertThat(attempt(broker, "after", new HiveMqScram("SCRAM-SHA-256", "alice", PW))).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        }
    }

    @Test
    void anUnknownUserCostsTheSameTimeAsAWrongPassword() {
        try (TestBroker broker = ScramBrokers.broker().start()) {
            for (int i = 0; i < 5; i++) {
                attempt(broker, "w" + i, new HiveMqScram("SCRAM-SHA-256", "alice", "wrong-wrong-wrong")); // warm-up
            }
            long known = median(() -> attempt(broker, "k", new HiveMqScram("SCRAM-SHA-256", "alice", "wrong-wrong-wrong")));
            long unknown = median(() -> attempt(broker, "u", new HiveMqScram("SCRAM-SHA-256", "nobody-here", "wrong-wrong-wrong")));
            assertThat(Math.abs(known - unknown)).as("known %d ms, unknown %d ms", known, unknown).isLessThan(40);
        }
    }

    @Test
    void auditLogRecordsScramDecisionsButNeverSecrets() throws Exception {
        Path log = dir.resolve("audit.log");
        try (TestBroker broker = ScramBrokers.broker().audit(AuditLogs.to(log)).start()) {
            assertThat(attempt(broker, "a1", new HiveMqScram("SCRAM-SHA-512", "alice", PW))).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            assertThat(attempt(broker, "a2", new HiveMqScram("SCRAM-SHA-256", "alice", "secret-guess-number-one")))
                    .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
            assertThat(attempt(broker, "a3", new HiveMqScram("SCRAM-SHA-256", "nobody", "secret-guess-number-two")))
                    .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        }
        String text = AuditLogs.awaitContent(log, "no SCRAM verifier");
        assertThat(text).contains("\"auth_success\"", "scram-sha-512", "\"auth_failure\"", "wrong password for 'alice' (SCRAM proof)",
                "no SCRAM verifier for 'nobody'");
        assertThat(text).doesNotContain(PW, "secret-guess-number-one", "secret-guess-number-two", "p=", "v=");
    }

    private static long timed(Supplier<Mqtt5ConnAckReasonCode> attempt) {
        long t0 = System.nanoTime();
        assertThat(attempt.get()).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static long median(Supplier<Mqtt5ConnAckReasonCode> attempt) {
        long[] t = new long[7];
        for (int i = 0; i < t.length; i++) {
            t[i] = timed(attempt);
        }
        java.util.Arrays.sort(t);
        return t[t.length / 2];
    }
}
