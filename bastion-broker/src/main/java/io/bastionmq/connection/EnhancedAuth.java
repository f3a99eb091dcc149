package io.bastionmq.connection;

import io.bastionmq.codec.reason.ProtocolViolation;
import io.bastionmq.codec.packet.Auth;
import io.bastionmq.codec.packet.Payload;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.reason.AuthReason;
import io.bastionmq.codec.reason.DisconnectReason;
import io.bastionmq.codec.wire.Property;
import io.bastionmq.security.audit.AuditLog;
import io.bastionmq.security.authn.AuthRequest;
import io.bastionmq.security.authn.Authenticator;
import io.bastionmq.security.authn.EnhancedExchange;
import io.bastionmq.security.x509.PeerIdentity;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/**
 * MQTT 5 enhanced authentication (MQTT5 4.12) on one connection, with SCRAM as the method:
 *
 * <pre>
 * CONNECT  method, data = client-first   →
 *                                         ← AUTH 0x18  method, data = server-first
 * AUTH 0x18 method, data = client-final  →
 *                                         ← CONNACK 0x00  method, data = server-final (v=…)
 *                                           or CONNACK 0x86 after the brute-force delay
 * later, re-authentication (4.12.1):
 * AUTH 0x19 method, data = client-first  →  … AUTH 0x18 …  ← AUTH 0x00 (v=…) or DISCONNECT 0x87
 * </pre>
 *
 * The SCRAM steps run on the authentication workers ({@link EnhancedExchange}); this class, on the
 * channel's event loop, carries them in packets and enforces the MQTT rules. While a step of the
 * CONNECT exchange is computed, reading stops as in {@link Authentication}; a re-authentication
 * never stops the connection: PUBLISH and the rest go on meanwhile.
 */
final class EnhancedAuth {
    private final Authenticator authenticator;
    private final Authentication authentication;
    private final Disconnects disconnects;
    private final AuditLog audit;
    private final String listener;

    /** The exchange in progress (CONNECT or re-authentication), null between exchanges. */
    private @Nullable EnhancedExchange exchange;
    /** True while the server waits for the client's next AUTH, false while a step is computed. */
    private boolean awaitingClient;
    /** The Authentication Method the connection authenticated with (MQTT5 4.12.1-1), null if none. */
    private @Nullable String method;
    // What the CONNECT exchange completes with.
    private @Nullable AuthRequest request;
    private @Nullable IntSupplier admit;
    private @Nullable IntConsumer admitted;
    private @Nullable Runnable resumed;

    EnhancedAuth(Authenticator authenticator, Authentication authentication, Disconnects disconnects, AuditLog audit, String listener) {
        this.authenticator = authenticator;
        this.authentication = authentication;
        this.disconnects = disconnects;
        this.audit = audit;
        this.listener = listener;
    }

    /** Whether the broker offers this Authentication Method; if not, CONNECT is refused with 0x8C (MQTT5 4.12.0-1). */
    boolean supports(String authenticationMethod) {
        return authenticator.offersMethod(authenticationMethod);
    }

    /** True from a CONNECT with an Authentication Method until its CONNACK: only AUTH and DISCONNECT may arrive (MQTT-3.1.2-30). */
    boolean connecting(ConnectionState state) {
        return !state.connected && exchange != null;
    }

    /**
     * Starts the exchange of a CONNECT with an Authentication Method; returns {@link Authentication#PENDING}.
     * {@code resumed} replays what was read while a step was computed; {@code admitted} receives the keep alive or -1.
     */
    int start(Channel channel, ConnectionState state, String authenticationMethod, @Nullable Payload clientFirst,
              AuthRequest connectRequest, @Nullable String requiredUser, IntSupplier admitStep, IntConsumer admittedStep, Runnable resumedStep) {
        EnhancedExchange started = authenticator.enhanced(authenticationMethod, connectRequest, requiredUser);
        if (started == null) {
            throw new IllegalStateException("method checked by supports()");
        }
        exchange = started;
        method = authenticationMethod;
        request = connectRequest;
        admit = admitStep;
        admitted = admittedStep;
        resumed = resumedStep;
        // SCRAM is client-first (RFC 5802 §3): no data is a client-first-message too short to read.
        byte[] data = clientFirst == null ? new byte[0] : clientFirst.toByteArray();
        await(channel, state, started.receive(data));
        return Authentication.PENDING;
    }

    /** An AUTH packet from the client, before or after CONNACK. */
    void onAuth(Channel channel, ConnectionState state, Auth auth) {
        String authMethod = auth.properties().authenticationMethod();
        if (method == null) {
            throw violation("MQTT-4.12.0-7", "AUTH from a client whose CONNECT had no Authentication Method");
        }
        if (!method.equals(authMethod)) {
            // MQTT-4.12.0-5 (during CONNECT) and MQTT-4.12.1-1 (re-authentication): the same method throughout.
            throw violation(state.connected ? "MQTT-4.12.1-1" : "MQTT-4.12.0-5",
                    "AUTH with method '" + authMethod + "' on a connection authenticated with '" + method + "'");
        }
        byte[] data = auth.properties().binary(Property.AUTHENTICATION_DATA) instanceof Payload p ? p.toByteArray() : new byte[0];
        switch (auth.reason()) {
            case CONTINUE_AUTHENTICATION -> {
                EnhancedExchange current = exchange;
                if (current == null || !awaitingClient) {
                    throw violation("MQTT5 4.12", "AUTH 0x18 (continue) while no authentication step is awaited");
                }
                awaitingClient = false;
                if (state.connected) {
                    reauthenticate(channel, state, current.receive(data));
                } else {
                    finishConnect(channel, state, current, current.receive(data));
                }
            }
            case RE_AUTHENTICATE -> {
                if (!state.connected) {
                    throw violation("MQTT-4.12.1-1", "AUTH 0x19 (re-authenticate) before CONNACK");
                }
                if (exchange != null) {
                    throw violation("MQTT5 4.12.1", "AUTH 0x19 (re-authenticate) while a re-authentication is in progress");
                }
                // The connection keeps its user: a re-authentication proves it again, it cannot switch to another.
                EnhancedExchange again = java.util.Objects.requireNonNull(
                        authenticator.enhanced(method, reauthRequest(channel, state), state.username));
                exchange = again;
                reauthenticate(channel, state, again.receive(data));
            }
            case SUCCESS -> throw violation("MQTT5 3.15.2.1", "AUTH 0x00 (success) is sent by the server only");
        }
    }

    /** The server's answer to the client-first-message of the CONNECT: AUTH 0x18, or the refusal. */
    private void await(Channel channel, ConnectionState state, CompletableFuture<EnhancedExchange.Step> pending) {
        state.authenticating = true;
        channel.config().setAutoRead(false);
        pending.whenComplete((step, failure) -> channel.eventLoop().execute(() -> {
            if (!channel.isActive() || state.closing) {
                return;
            }
            EnhancedExchange current = java.util.Objects.requireNonNull(exchange);
            if (failure == null && step instanceof EnhancedExchange.Challenge challenge) {
                channel.writeAndFlush(new Auth(AuthReason.CONTINUE_AUTHENTICATION, authProperties(challenge.data())),
                        channel.voidPromise()); // MQTT-4.12.0-2
                awaitingClient = true;
                state.authenticating = false;
                channel.config().setAutoRead(true);
                java.util.Objects.requireNonNull(resumed).run();
            } else {
                state.authenticating = false;
                channel.config().setAutoRead(true);
                finishConnect(channel, state, current, failure == null ? CompletableFuture.completedFuture(step)
                        : CompletableFuture.failedFuture(failure));
            }
        }));
    }

    /** The last step of the CONNECT exchange: CONNACK 0x00 with the server-final, or the refusal after its delay. */
    private void finishConnect(Channel channel, ConnectionState state, EnhancedExchange current,
                               CompletableFuture<EnhancedExchange.Step> pending) {
        AuthRequest connectRequest = java.util.Objects.requireNonNull(request);
        CompletableFuture<Authentication.Verdict> verdict = pending.thenApply(step -> {
            if (!(step instanceof EnhancedExchange.Finished f)) {
                throw new IllegalStateException("SCRAM asked for a third message");
            }
            state.connAckAuthentication = f.decision().refusal() == null ? authProperties(f.data()) : null;
            return new Authentication.Verdict(f.decision(), authProperties(f.data()), f.clientReason());
        });
        // The audit names the user the client claimed in SCRAM (n=), not the CONNECT's (often absent) User Name.
        AuthRequest audited = new AuthRequest(connectRequest.clientId(), current.user(), null, connectRequest.address(),
                connectRequest.certificateUser(), connectRequest.certCommonName());
        IntConsumer done = java.util.Objects.requireNonNull(admitted);
        int now = authentication.decide(channel, state, audited, verdict, java.util.Objects.requireNonNull(admit), keepAlive -> {
            exchange = null;
            done.accept(keepAlive);
        });
        if (now != Authentication.PENDING) {
            exchange = null;
            done.accept(now);
        }
    }

    /** A step of a re-authentication; the connection keeps running meanwhile (MQTT5 4.12.1). */
    private void reauthenticate(Channel channel, ConnectionState state, CompletableFuture<EnhancedExchange.Step> pending) {
        pending.whenComplete((step, failure) -> channel.eventLoop().execute(() -> {
            EnhancedExchange current = exchange;
            if (!channel.isActive() || state.closing || current == null) {
                return;
            }
            if (failure == null && step instanceof EnhancedExchange.Challenge challenge) {
                awaitingClient = true;
                channel.writeAndFlush(new Auth(AuthReason.CONTINUE_AUTHENTICATION, authProperties(challenge.data())), channel.voidPromise());
                return;
            }
            exchange = null;
            String remote = channel.remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : null;
            Authenticator.Decision d = step instanceof EnhancedExchange.Finished f ? f.decision()
                    : new Authenticator.Decision(null, Authenticator.Refusal.SERVER_BUSY, 0, "re-authentication failed: " + failure);
            if (d.refusal() == null && step instanceof EnhancedExchange.Finished f) {
                audit.authSucceeded(state.clientId, current.user(), remote, listener, d.why() + " re-authentication");
                channel.writeAndFlush(new Auth(AuthReason.SUCCESS, authProperties(f.data())), channel.voidPromise());
                return;
            }
            if (d.refusal() == Authenticator.Refusal.LOCKED_OUT) {
                audit.lockedOut(state.clientId, current.user(), remote, listener, "re-authentication: " + d.why());
            } else {
                audit.authFailed(state.clientId, current.user(), remote, listener, "re-authentication: " + d.why());
            }
            // MQTT-4.12.1-2: a failed re-authentication ends the connection. DISCONNECT has no 0x86,
            // so the client hears 0x87 (not authorized); the back-off is not waited out on a live connection.
            String told = step instanceof EnhancedExchange.Finished f && f.clientReason() != null ? f.clientReason()
                    : "re-authentication failed";
            disconnects.serverDisconnect(channel, state, DisconnectReason.NOT_AUTHORIZED, told);
        }));
    }

    private Properties authProperties(byte[] data) {
        Properties.Builder b = Properties.builder().set(Property.AUTHENTICATION_METHOD, method);
        if (data.length > 0) {
            b.set(Property.AUTHENTICATION_DATA, Payload.copyOf(data));
        }
        return b.build();
    }

    private static AuthRequest reauthRequest(Channel channel, ConnectionState state) {
        PeerIdentity peer = channel.attr(ConnectionAttributes.PEER_IDENTITY).get();
        return new AuthRequest(state.clientId, state.username, null,
                channel.remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null, null,
                peer == null ? null : peer.commonName());
    }

    private static ProtocolViolation violation(String clause, String message) {
        return new ProtocolViolation(DisconnectReason.PROTOCOL_ERROR, clause, message);
    }
}
