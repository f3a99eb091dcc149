package io.bastionmq.cli;

import io.bastionmq.config.AuditConfig;
import io.bastionmq.config.BrokerConfig;
import io.bastionmq.security.audit.AuditLog;
import java.time.Clock;

/**
 * The audit log of a STOPPED broker, for the management commands' offline path (THREATS.md C25):
 * the same file the broker writes ({@code audit.file}, else {@code <data_dir>/audit/audit.log}),
 * opened for one command and closed (flushed) after it. A running broker writes its own log; the
 * CLI then goes through the admin endpoint and never opens this file.
 */
final class OfflineAudit {
    /** The "who" of the lines the CLI writes itself. */
    static final String ACTOR = "cli";
    private static final int QUEUE = 64;

    private OfflineAudit() {}

    /** The log of {@code config}'s broker, or a log that records nothing when {@code audit.enabled} is false. */
    static AuditLog open(BrokerConfig config) {
        AuditConfig a = config.audit();
        if (!a.enabled()) {
            return AuditLog.disabled();
        }
        return AuditLog.open(a.fileIn(config.dataDir()), a.maxFileSize(), a.maxFiles(), QUEUE, Clock.systemUTC());
    }
}
