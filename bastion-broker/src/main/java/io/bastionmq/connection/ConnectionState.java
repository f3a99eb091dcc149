package io.bastionmq.connection;

import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.routing.Message;
import io.bastionmq.security.Identity;
import io.bastionmq.security.audit.DenialThrottle;
import io.bastionmq.security.authz.ClientAcl;
import io.bastionmq.session.ClientLink;
import io.bastionmq.session.Session;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Per-connection protocol state, confined to the connection's event loop. What a client asked
 * for in CONNECT (its limits) and what the broker agreed to.
 */
final class ConnectionState {
    @Nullable MqttVersion version;
    boolean connected;
    /** Set once the connection is closing: nothing more is read or sent after a DISCONNECT. */
    boolean closing;
    String clientId = "";
    /** The user name the connection acts as: from CONNECT, or from the client certificate (username_from). */
    @Nullable String username;
    /** Who the client is, set at CONNECT; authorization decides on it alone. */
    @Nullable Identity identity;
    /** The client's rules and cached decisions, made from {@link #identity} on first use ({@link Authorization}). */
    @Nullable ClientAcl acl;
    /** Keeps one client's denials from flooding the audit log. */
    final DenialThrottle auditedDenials = new DenialThrottle();
    @Nullable Session session;
    /** The session's handle on this connection; set together with {@link #session}. */
    @Nullable ClientLink link;

    // Limits the client set in CONNECT (MQTT5 3.1.2.11); 3.1.1 clients get the defaults.
    int clientReceiveMaximum = 65_535;
    long clientMaximumPacketSize = 268_435_460L;
    int clientTopicAliasMaximum;
    boolean requestProblemInformation = true;
    long sessionExpiryInterval;

    /** True while CONNECT waits for the authentication decision ({@link Authentication}). */
    boolean authenticating;
    /**
     * Authentication Method and Data (the SCRAM server-final) for the CONNACK that ends a
     * successful enhanced authentication (MQTT-4.12.0-5); null otherwise.
     */
    io.bastionmq.codec.packet.@Nullable Properties connAckAuthentication;
    /** Packets the client pipelined behind CONNECT while it was being authenticated; replayed after. */
    final java.util.ArrayDeque<io.bastionmq.codec.packet.Packet> heldPackets = new java.util.ArrayDeque<>();

    /** The will from CONNECT, dropped by a normal DISCONNECT (MQTT-3.14.4-3). */
    @Nullable Message will;
    long willDelaySeconds;

    /** QoS 1 PUBLISHes received whose PUBACK has not been sent yet: counts against Receive Maximum. */
    int unackedQos1;

    /** The last routing of this client's messages; the next one waits for it, keeping order (MQTT5 4.6). */
    CompletableFuture<?> routeChain = CompletableFuture.completedFuture(null);

    final TopicAliases inboundAliases = new TopicAliases();
    final TopicAliases outboundAliases = new TopicAliases();

    boolean isV5() {
        return version == MqttVersion.V5;
    }
}
