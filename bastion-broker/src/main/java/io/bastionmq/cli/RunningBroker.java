package io.bastionmq.cli;

import io.bastionmq.admin.AdminClient;
import io.bastionmq.security.authn.Enrolment;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.ToIntFunction;

/**
 * How {@code bastion ban} and {@code bastion user} reach a RUNNING broker: its RocksDB store is
 * locked, so they send the change to the broker's local admin endpoint ({@code <data_dir>/admin.sock},
 * with the token in {@code <data_dir>/admin.token}), which applies it to live sessions at once.
 */
final class RunningBroker {
    private RunningBroker() {}

    /**
     * Runs {@code action} against the admin endpoint of the broker on {@code dir}. When the endpoint
     * cannot be reached, prints {@code lockedMessage} and returns {@code exitLocked}; when the broker
     * refuses, prints its reason and returns {@code exitRefused}.
     */
    static int run(Path dir, PrintWriter err, ToIntFunction<AdminClient> action, String lockedMessage, int exitLocked,
                   int exitRefused) {
        try {
            return action.applyAsInt(AdminClient.forDataDir(dir));
        } catch (AdminClient.UnavailableException e) {
            err.println(lockedMessage);
            err.println("  (its admin endpoint cannot be reached: " + e.getMessage() + "; is admin.enabled false?)");
            err.flush();
            return exitLocked;
        } catch (AdminClient.RefusedException e) {
            err.println("Refused by the running broker: " + e.getMessage());
            err.flush();
            return exitRefused;
        } catch (Enrolment.RefusedException e) {
            err.println("Refused: " + e.getMessage());
            err.flush();
            return exitRefused;
        }
    }
}
