package io.bastionmq.security.authn;

import io.bastionmq.security.Identity;
import io.bastionmq.security.authn.scram.ScramException;
import io.bastionmq.security.authn.scram.ScramServer;
import io.bastionmq.store.CredentialRecord;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * One SCRAM exchange of MQTT 5 enhanced authentication (MQTT5 4.12), at CONNECT or as a
 * re-authentication (4.12.1). Each step runs on the authentication workers, never on an event
 * loop; the caller gives the steps in order, one at a time.
 *
 * <p>The rules of the password chain hold here too (THREATS.md C4): a wrong password, an unknown
 * user and a disabled credential end the same way, at the proof, with the same answer; each such
 * failure counts in the {@link BruteForceGuard} and is answered after its back-off delay; a
 * locked-out address or user is refused even with the right password.
 */
public final class EnhancedExchange {
    /** What the client is told next. */
    public sealed interface Step {}

    /** Send AUTH 0x18 (continue) with this Authentication Data (the server-first-message). */
    public record Challenge(byte[] data) implements Step {}

    /**
     * The exchange is over.
     *
     * @param decision     accepted (identity set) or refused, with the back-off delay
     * @param data         the server-final-message, "v=..." on success or "e=..." on failure
     * @param clientReason what the reason string tells the client, null for the fixed "bad user name or password"
     */
    public record Finished(Authenticator.Decision decision, byte[] data, @Nullable String clientReason) implements Step {}

    private final ScramServer server;
    private final AuthRequest request;
    private final @Nullable String requiredUser;
    private final BruteForceGuard guard;
    private final Executor workers;
    private boolean started;

    EnhancedExchange(ScramServer server, AuthRequest request, @Nullable String requiredUser, BruteForceGuard guard, Executor workers) {
        this.server = server;
        this.request = request;
        this.requiredUser = requiredUser;
        this.guard = guard;
        this.workers = workers;
    }

    /** The Authentication Method, as the client named it. */
    public String method() {
        return server.mechanism().saslName();
    }

    /** The SCRAM user name (n=) once the client-first-message was read, else null. */
    public @Nullable String user() {
        return server.user();
    }

    /** The next Authentication Data from the client: the client-first-message, then the client-final-message. */
    public CompletableFuture<Step> receive(byte[] data) {
        boolean first = !started;
        started = true;
        try {
            return CompletableFuture.supplyAsync(() -> first ? onClientFirst(data) : onClientFinal(data), workers);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(new Finished(new Authenticator.Decision(null, Authenticator.Refusal.SERVER_BUSY,
                    0, "authentication queue full"), new byte[0], null));
        }
    }

    private Step onClientFirst(byte[] data) {
        try {
            byte[] reply = server.clientFirst(data);
            String user = Objects.requireNonNull(server.user());
            if (requiredUser != null && !requiredUser.equals(user)) {
                // MQTT5 3.1.3.5 / 4.12: one connection, one user; the SCRAM name must be the one already given.
                return malformed(new ScramException(ScramException.OTHER_ERROR,
                        "SCRAM user name (n=) differs from the connection's user name"));
            }
            return new Challenge(reply);
        } catch (ScramException e) {
            return malformed(e);
        }
    }

    private Step onClientFinal(byte[] data) {
        ScramServer.Outcome outcome;
        try {
            outcome = server.clientFinal(data);
        } catch (ScramException e) {
            return malformed(e);
        }
        String user = outcome.user();
        CredentialRecord c = outcome.credential();
        // Checked after the proof, as in the password chain, so a locked-out attempt costs the same.
        boolean locked = guard.lockedOut(request.address(), user);
        boolean disabled = c != null && c.disabled();
        if (outcome.proven() && !disabled && !locked) {
            guard.succeeded(request.address(), user);
            Identity identity = new Identity(request.clientId(), user, c.groups(), c.admin(), request.certCommonName(), null);
            return new Finished(Authenticator.Decision.accept(identity, method().toLowerCase(java.util.Locale.ROOT)),
                    outcome.serverFinal().getBytes(StandardCharsets.UTF_8), null);
        }
        String why = locked ? "locked out after repeated failures"
                : c == null ? "no SCRAM verifier for '" + user + "' (unknown user, or a password never used since import)"
                : disabled ? "credential '" + user + "' is disabled"
                : "wrong password for '" + user + "' (SCRAM proof)";
        long delay = guard.failed(request.address(), user);
        // The same server-final for every failure: RFC 5802 §9, no enumeration.
        return new Finished(new Authenticator.Decision(null, locked ? Authenticator.Refusal.LOCKED_OUT : Authenticator.Refusal.BAD_CREDENTIALS,
                delay, why), "e=invalid-proof".getBytes(StandardCharsets.UTF_8), null);
    }

    /** A message the server cannot read: refused at once with its RFC 5802 §7 error; no password was tried. */
    private Step malformed(ScramException e) {
        return new Finished(new Authenticator.Decision(null, Authenticator.Refusal.BAD_CREDENTIALS, 0, e.getMessage()),
                e.serverFinal().getBytes(StandardCharsets.UTF_8), e.getMessage());
    }
}
