package io.bastionmq.it.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.config.AuditConfig;
import io.bastionmq.it.support.AuditLogs;
import io.bastionmq.it.support.TestBroker;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** THREATS.md C25 for authentication: the audit log says why a CONNECT failed; the client never hears it. */
class AuthAuditIT {
    private static final String PW = "violet-tractor-harbour-57";
    @TempDir Path dir;

    @Test
    void auditLogRecordsDecisionsAndRevocationsButNeverPasswords() throws Exception {
        Path log = dir.resolve("audit.log");
        AuditConfig audit = AuditLogs.to(log);
        try (TestBroker broker = TestBroker.builder().anonymous(false).audit(audit).user("alice", PW).start()) {
            assertThat(AuthClients.pahoV3(broker, "a1", "alice", PW)).isZero();
            assertThat(AuthClients.pahoV3(broker, "a2", "alice", "secret-guess-number-one")).isEqualTo(4);
            assertThat(AuthClients.pahoV3(broker, "a3", "nobody", "secret-guess-number-two")).isEqualTo(4);
            broker.broker().enrolment().disable("alice");
        }
        String text = AuditLogs.awaitContent(log, "\"reason\":\"disabled\"");
        assertThat(text).contains("\"auth_success\"", "\"auth_failure\"", "wrong password", "no provider accepted", "disabled");
        assertThat(text).doesNotContain(PW, "secret-guess-number-one", "secret-guess-number-two");
    }
}
