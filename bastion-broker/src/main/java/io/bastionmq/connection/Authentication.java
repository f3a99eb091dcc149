package io.bastionmq.connection;

import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.reason.ConnAckReason;
import io.bastionmq.codec.reason.DisconnectReason;
import io.bastionmq.security.Identity;
import io.bastionmq.security.audit.AuditLog;
import io.bastionmq.security.authn.AuthRequest;
import io.bastionmq.security.authn.Authenticator;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authentication step of CONNECT, between the event loop and the {@link Authenticator}'s
 * workers. Decisions that need no hashing (anonymous, client certificate) are applied at once.
 * Otherwise reading stops (autoRead off) until the decision, which is applied back on the
 * channel's event loop; packets the client pipelined behind CONNECT wait in
 * {@link ConnectionState#heldPackets}. A refusal is sent after the brute-force delay.
 */
final class Authentication {
    private static final Logger log = LoggerFactory.getLogger(Authentication.class);
    /** Returned by {@link #start} while the decision is pending. */
    static final int PENDING = -2;

    private final Authenticator authenticator;
    private final Disconnects disconnects;
    private final AuditLog audit;
    private final String listener;
    private final Clock clock;

    Authentication(Authenticator authenticator, Disconnects disconnects, AuditLog audit, String listener, Clock clock) {
        this.authenticator = authenticator;
        this.disconnects = disconnects;
        this.audit = audit;
        this.listener = listener;
        this.clock = clock;
    }

    private static @Nullable String remote(AuthRequest request) {
        return request.address() == null ? null : request.address().getHostAddress();
    }

    /**
     * What the connection does with an authentication decision.
     *
     * @param decision       accepted or refused (with the brute-force delay)
     * @param refusalExtras  properties added to a refusing MQTT 5 CONNACK (enhanced authentication's
     *                       Authentication Method and Data, "e=..."), else empty
     * @param clientReason   the reason string for a refusal, null for the fixed one of its code
     */
    record Verdict(Authenticator.Decision decision, Properties refusalExtras, @Nullable String clientReason) {
        static Verdict of(Authenticator.Decision decision) {
            return new Verdict(decision, Properties.EMPTY, null);
        }
    }

    /**
     * Decides on the CONNECT; on acceptance sets {@code state.identity} and runs {@code admit}.
     * Returns what {@code admit} returned, -1 if refused, or {@link #PENDING}; in the last case
     * {@code admitted} later receives the result of {@code admit} (or -1).
     */
    int start(Channel channel, ConnectionState state, AuthRequest request, boolean allowAnonymous, IntSupplier admit,
              IntConsumer admitted) {
        return decide(channel, state, request, authenticator.authenticate(request, allowAnonymous).thenApply(Verdict::of),
                admit, admitted);
    }

    /** As {@link #start}, for a decision made elsewhere (the last step of enhanced authentication). */
    int decide(Channel channel, ConnectionState state, AuthRequest request, CompletableFuture<Verdict> pending, IntSupplier admit,
               IntConsumer admitted) {
        // A refusal with a back-off delay always takes the scheduled path, even when a fast hash has
        // already finished: answering at once would let a guesser skip the delay (THREATS.md C4).
        if (pending.isDone() && !pending.isCompletedExceptionally() && !delayed(pending.join())) {
            return apply(channel, state, request, pending.join(), admit);
        }
        state.authenticating = true;
        channel.config().setAutoRead(false);
        pending.whenComplete((verdict, failure) -> channel.eventLoop().execute(() -> {
            Verdict v = failure == null ? verdict : Verdict.of(
                    new Authenticator.Decision(null, Authenticator.Refusal.SERVER_BUSY, 0, "authentication failed: " + failure));
            if (!channel.isActive()) {
                return;
            }
            if (delayed(v)) {
                channel.eventLoop().schedule(() -> finish(channel, state, request, v, admit, admitted), v.decision().delayMillis(),
                        TimeUnit.MILLISECONDS);
            } else {
                finish(channel, state, request, v, admit, admitted);
            }
        }));
        return PENDING;
    }

    private static boolean delayed(Verdict v) {
        return v.decision().refusal() != null && v.decision().delayMillis() > 0;
    }

    private void finish(Channel channel, ConnectionState state, AuthRequest request, Verdict v, IntSupplier admit, IntConsumer admitted) {
        state.authenticating = false;
        int keepAlive = apply(channel, state, request, v, admit);
        if (channel.isActive()) {
            channel.config().setAutoRead(true);
        }
        admitted.accept(keepAlive);
    }

    private int apply(Channel channel, ConnectionState state, AuthRequest request, Verdict v, IntSupplier admit) {
        Authenticator.Decision d = v.decision();
        Authenticator.Refusal refusal = d.refusal();
        if (refusal != null) {
            // C4: one code for every credential failure; the log says why, the client never does.
            ConnAckReason reason = switch (refusal) {
                case BAD_CREDENTIALS, LOCKED_OUT -> ConnAckReason.BAD_USER_NAME_OR_PASSWORD; // 3.1.1: 0x04
                case NOT_AUTHORIZED -> ConnAckReason.NOT_AUTHORIZED;             // 3.1.1: 0x05
                case SERVER_BUSY -> ConnAckReason.SERVER_BUSY;                   // 3.1.1: 0x03
            };
            // The reason string is fixed: d.why() ("wrong password", "unknown user") stays in the broker's log.
            log.debug("CONNECT of '{}' refused: {}", state.clientId, d.why());
            if (refusal == Authenticator.Refusal.LOCKED_OUT) {
                audit.lockedOut(state.clientId, request.username(), remote(request), listener, d.why());
            } else {
                audit.authFailed(state.clientId, request.username(), remote(request), listener, d.why());
            }
            String told = v.clientReason() != null ? v.clientReason() : reason == ConnAckReason.BAD_USER_NAME_OR_PASSWORD
                    ? "bad user name or password" : reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            disconnects.refuseConnect(channel, state, reason, told, v.refusalExtras());
            return -1;
        }
        Identity identity = java.util.Objects.requireNonNull(d.identity());
        audit.authSucceeded(state.clientId, identity.username(), remote(request), listener, d.why());
        state.identity = identity;
        state.username = identity.username();
        int keepAlive = admit.getAsInt();
        String user = identity.username();
        if (keepAlive >= 0 && user != null) {
            // C10: disabling or deleting the credential cuts this connection at once.
            Runnable unregister = authenticator.registerLive(user, () -> channel.eventLoop().execute(
                    () -> MqttConnection.disconnect(channel, DisconnectReason.ADMINISTRATIVE_ACTION, "credential revoked")));
            channel.closeFuture().addListener(f -> unregister.run());
        }
        if (keepAlive >= 0 && identity.expires()) {
            cutAtExpiry(channel, identity);
        }
        return keepAlive;
    }

    /**
     * A connection lives no longer than the credential that opened it (a JWT's {@code exp}, C10):
     * an MQTT 5 client gets DISCONNECT 0x87 and reconnects with a fresh token.
     */
    private void cutAtExpiry(Channel channel, Identity identity) {
        long millis = identity.validUntilMillis() - clock.millis();
        ScheduledFuture<?> timer = channel.eventLoop().schedule(() -> {
            log.info("closing the connection of '{}' ({}): its token expired", identity.clientId(), identity.username());
            audit.authFailed(identity.clientId(), identity.username(), null, listener, "token expired during the session");
            MqttConnection.disconnect(channel, DisconnectReason.NOT_AUTHORIZED, "token expired");
        }, Math.max(0, millis), TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(f -> timer.cancel(false));
    }
}
