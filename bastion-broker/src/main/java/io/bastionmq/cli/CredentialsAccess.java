package io.bastionmq.cli;

import io.bastionmq.admin.AdminClient;
import io.bastionmq.config.AuthenticationConfig;
import io.bastionmq.config.ConfigException;
import io.bastionmq.config.ConfigLoader;
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
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Options and store access shared by {@code bastion user} and {@code bastion device}: they work on
 * the data directory of a STOPPED broker. A running broker holds the RocksDB lock; commands that
 * have an online form ({@code user passwd|disable|enable|delete}) then go through the broker's
 * local admin endpoint ({@link RunningBroker}), which cuts live sessions at once; the others say
 * to stop the broker.
 */
final class CredentialsAccess {
    static final int EXIT_REFUSED = 1;
    static final int EXIT_LOCKED = 3;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory of the stopped broker (default: ./data, or data_dir of --config).")
    @Nullable Path dataDir;

    @Option(names = "--config", paramLabel = "FILE", description = "Broker configuration: its data_dir and authentication settings (hashing, password policy) apply.")
    @Nullable Path config;

    /** Opens the store, runs {@code action} on an {@link Enrolment} over it, closes it. */
    int run(PrintWriter err, ToIntFunction<Enrolment> action) {
        return run(err, action, null);
    }

    /** As {@link #run(PrintWriter, ToIntFunction)}; when a running broker holds the store, runs {@code online} on its admin endpoint. */
    int run(PrintWriter err, ToIntFunction<Enrolment> action, @Nullable ToIntFunction<AdminClient> online) {
        Path dir;
        AuthenticationConfig auth;
        try {
            var loaded = config == null ? null : ConfigLoader.load(config);
            dir = dataDir != null ? dataDir : loaded != null ? loaded.dataDir() : StartCommand.DATA_DIR_DEFAULT;
            auth = loaded == null ? AuthenticationConfig.DEFAULT : loaded.authentication();
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return Main.EXIT_USAGE;
        }
        RocksDbStore store;
        try {
            store = RocksDbStore.open(dir, FsyncPolicy.ALWAYS, Duration.ofMillis(100));
        } catch (UncheckedIOException e) {
            String message = String.valueOf(e.getMessage());
            if (message.toLowerCase(Locale.ROOT).contains("lock") && online != null) {
                return RunningBroker.run(dir, err, online, "The store in " + dir + " is locked by a running broker that cannot be"
                        + " reached; nothing was changed.", EXIT_LOCKED, EXIT_REFUSED);
            }
            if (message.toLowerCase(Locale.ROOT).contains("lock")) {
                err.println("The store in " + dir + " is locked: a broker is running on it. Stop the broker, then run this "
                        + "command again (only user passwd|disable|enable|delete reach a running broker, through its admin endpoint).");
                return EXIT_LOCKED;
            }
            err.println("Cannot open the store in " + dir + ": " + message);
            return EXIT_REFUSED;
        }
        try (store) {
            Enrolment enrolment = new Enrolment(store, new PasswordHashes(auth.hashing()), auth.policy(), new LiveConnections(),
                    Clock.systemUTC());
            return action.applyAsInt(enrolment);
        } catch (Enrolment.RefusedException e) {
            err.println("Refused: " + e.getMessage());
            return EXIT_REFUSED;
        }
    }
}
