package io.bastionmq.cli;

import io.bastionmq.admin.AdminClient;
import io.bastionmq.config.AuthenticationConfig;
import io.bastionmq.config.BrokerConfig;
import io.bastionmq.config.ConfigException;
import io.bastionmq.security.audit.AuditLog;
import io.bastionmq.security.authn.Enrolment;
import io.bastionmq.security.authn.LiveConnections;
import io.bastionmq.security.authn.PasswordHashes;
import io.bastionmq.store.FsyncPolicy;
import io.bastionmq.store.rocksdb.RocksDbStore;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import picocli.CommandLine.Mixin;

/**
 * Store access shared by {@code bastion user} and {@code bastion device}. When a broker runs on
 * the data directory, the command goes through its admin endpoint ({@link RunningBroker}), which
 * cuts live sessions at once; otherwise it opens the stopped broker's RocksDB store, with the
 * password policy and hashing of {@code --config}, and writes the audit log itself.
 */
final class CredentialsAccess {
    static final int EXIT_REFUSED = RunningBroker.EXIT_REFUSED;
    static final int EXIT_LOCKED = RunningBroker.EXIT_LOCKED;

    @Mixin
    DataDirOptions where = new DataDirOptions();

    /**
     * Computes a result on the running broker ({@code live}) or on the stopped broker's store
     * ({@code offline}) and prints it with {@code report}; returns the exit code.
     */
    <T> int run(PrintWriter err, Function<Enrolment, T> offline, Function<AdminClient, T> live, ToIntFunction<T> report) {
        BrokerConfig config;
        try {
            config = where.brokerConfig();
        } catch (ConfigException e) {
            err.println(e.getMessage());
            err.flush();
            return Main.EXIT_USAGE;
        }
        return RunningBroker.either(config.dataDir(), err, live, rep -> offline(config, err, offline, rep), report);
    }

    private static <T> int offline(BrokerConfig config, PrintWriter err, Function<Enrolment, T> action, ToIntFunction<T> report) {
        Path dir = config.dataDir();
        RocksDbStore store;
        try {
            store = RocksDbStore.open(dir, FsyncPolicy.ALWAYS, Duration.ofMillis(100));
        } catch (UncheckedIOException e) {
            String message = String.valueOf(e.getMessage());
            if (message.toLowerCase(Locale.ROOT).contains("lock")) {
                err.println("The store in " + dir + " is locked by a running broker that cannot be reached; nothing was changed.");
                err.println("  (no admin endpoint answers on " + dir.resolve("admin.sock") + "; is admin.enabled false?)");
            } else {
                err.println("Cannot open the store in " + dir + ": " + message);
            }
            err.flush();
            return message.toLowerCase(Locale.ROOT).contains("lock") ? EXIT_LOCKED : EXIT_REFUSED;
        }
        AuthenticationConfig auth = config.authentication();
        T result;
        try (store; AuditLog audit = OfflineAudit.open(config)) {
            Enrolment enrolment = new Enrolment(store, new PasswordHashes(auth.hashing()), auth.policy(), new LiveConnections(),
                    Clock.systemUTC(), audit);
            result = action.apply(enrolment);
        } catch (Enrolment.RefusedException e) {
            err.println("Refused: " + e.getMessage());
            err.flush();
            return EXIT_REFUSED;
        }
        return report.applyAsInt(result);
    }
}
