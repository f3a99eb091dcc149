package io.bastionmq.cli;

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
 * the data directory of a STOPPED broker. A running broker holds the RocksDB lock; the command
 * then says to stop it (changing credentials of a running broker goes through its Java API,
 * {@code Broker.enrolment()}, which the admin endpoint will expose).
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
            if (message.toLowerCase(Locale.ROOT).contains("lock")) {
                err.println("The store in " + dir + " is locked: a broker is running on it. Stop the broker, then run this "
                        + "command again (changing credentials of a running broker needs the admin endpoint, not available yet).");
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
