package io.bastionmq.cli;

import io.bastionmq.admin.AdminClient;
import io.bastionmq.admin.AdminEndpoint;
import io.bastionmq.security.authn.Enrolment;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * How the management commands reach a RUNNING broker: through its local admin endpoint
 * ({@code <data_dir>/admin.sock}, with the token in {@code <data_dir>/admin.token}), which applies
 * each change to live sessions at once and writes the audit log itself. A command computes one
 * result, on the running broker ({@code live}) or on the files of a stopped one ({@code offline}),
 * and prints it from one place ({@code report}), so both paths print the same.
 */
final class RunningBroker {
    /** The exit code when a broker holds the data directory but its endpoint cannot be used. */
    static final int EXIT_LOCKED = 3;
    static final int EXIT_REFUSED = 1;

    private RunningBroker() {}

    /**
     * The admin endpoint of the broker running on {@code dir}, or null when none is: no token or
     * socket file, or nobody listening on the socket (a broker that died leaves the files behind).
     */
    static @Nullable AdminClient find(Path dir) {
        if (!Files.exists(dir.resolve(AdminEndpoint.TOKEN_FILE)) || !Files.exists(dir.resolve(AdminEndpoint.SOCKET_FILE))) {
            return null;
        }
        try {
            AdminClient client = AdminClient.forDataDir(dir);
            return client.listening() ? client : null;
        } catch (AdminClient.UnavailableException e) {
            return null;
        }
    }

    /**
     * Runs {@code live} against the broker running on {@code dir} and hands its result to
     * {@code report}, or, when no broker runs there, runs {@code offline} with the same
     * {@code report}. The live path's errors are printed here, the offline path's by itself.
     */
    static <T> int either(Path dir, PrintWriter err, Function<AdminClient, T> live, Offline<T> offline, ToIntFunction<T> report) {
        AdminClient admin = find(dir);
        if (admin == null) {
            return offline.run(report);
        }
        return live(err, () -> live.apply(admin), report);
    }

    /** The offline path: computes the result on the files and reports it, or prints its own error; returns the exit code. */
    @FunctionalInterface
    interface Offline<T> {
        int run(ToIntFunction<T> report);
    }

    /** Runs one live exchange and reports its result; a refusal or a broken endpoint is printed with its exit code. */
    static <T> int live(PrintWriter err, Supplier<T> exchange, ToIntFunction<T> report) {
        T result;
        try {
            result = exchange.get();
        } catch (AdminClient.UnavailableException e) {
            err.println("A broker runs on this data directory but its admin endpoint failed: " + e.getMessage()
                    + "; nothing is known to have changed");
            err.flush();
            return EXIT_LOCKED;
        } catch (AdminClient.RefusedException e) {
            err.println("Refused by the running broker: " + e.getMessage());
            err.flush();
            return EXIT_REFUSED;
        } catch (Enrolment.RefusedException e) {
            err.println("Refused: " + e.getMessage());
            err.flush();
            return EXIT_REFUSED;
        }
        return report.applyAsInt(result);
    }

    /**
     * For commands that must open the RocksDB store: runs {@code action} against the endpoint of
     * the broker that holds the store's lock. When the endpoint cannot be reached, prints
     * {@code lockedMessage} and returns {@link #EXIT_LOCKED}; when the broker refuses, prints its
     * reason and returns {@link #EXIT_REFUSED}.
     */
    static int run(Path dir, PrintWriter err, ToIntFunction<AdminClient> action, String lockedMessage) {
        AdminClient admin;
        try {
            admin = AdminClient.forDataDir(dir);
        } catch (AdminClient.UnavailableException e) {
            err.println(lockedMessage);
            err.println("  (its admin endpoint cannot be reached: " + e.getMessage() + "; is admin.enabled false?)");
            err.flush();
            return EXIT_LOCKED;
        }
        return live(err, () -> action.applyAsInt(admin), code -> code);
    }
}
