package io.bastionmq.bench.client;

import io.bastionmq.codec.packet.MqttVersion;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;

/**
 * Where and how every connection of a run connects.
 *
 * @param keepAliveSeconds announced in CONNECT; a PINGREQ goes out after half of it without writes
 * @param tls              TLS client context (see {@link ClientTls}); null for plain TCP
 * @param persistentSession CONNECT with a session that outlives the connection (3.1.1: Clean
 *                         Session 0; 5: Clean Start 0 and a Session Expiry Interval of
 *                         {@link #PERSISTENT_SESSION_EXPIRY_SECONDS}), so a broker keeps (and
 *                         may persist) its QoS 1/2 deliveries; false: a clean session
 */
public record ClientOptions(
        String host,
        int port,
        MqttVersion version,
        @Nullable String username,
        @Nullable String password,
        int keepAliveSeconds,
        @Nullable SslContext tls,
        boolean persistentSession) {

    /** Session Expiry Interval of an MQTT 5 persistent session: one hour. */
    public static final long PERSISTENT_SESSION_EXPIRY_SECONDS = 3_600;

    public static ClientOptions loopback(int port) {
        return new ClientOptions("127.0.0.1", port, MqttVersion.V3_1_1, null, null, 60, null, false);
    }

    /** The same options over TLS. */
    public ClientOptions withTls(SslContext context) {
        return new ClientOptions(host, port, version, username, password, keepAliveSeconds, context, persistentSession);
    }

    /** The same options with a persistent session (see {@code persistentSession}). */
    public ClientOptions withPersistentSession() {
        return new ClientOptions(host, port, version, username, password, keepAliveSeconds, tls, true);
    }
}
