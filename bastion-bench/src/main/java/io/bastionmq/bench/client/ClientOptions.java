package io.bastionmq.bench.client;

import io.bastionmq.codec.packet.MqttVersion;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;

/**
 * Where and how every connection of a run connects.
 *
 * @param keepAliveSeconds announced in CONNECT; a PINGREQ goes out after half of it without writes
 * @param tls              TLS client context (see {@link ClientTls}); null for plain TCP
 */
public record ClientOptions(
        String host,
        int port,
        MqttVersion version,
        @Nullable String username,
        @Nullable String password,
        int keepAliveSeconds,
        @Nullable SslContext tls) {

    public static ClientOptions loopback(int port) {
        return new ClientOptions("127.0.0.1", port, MqttVersion.V3_1_1, null, null, 60, null);
    }

    /** The same options over TLS. */
    public ClientOptions withTls(SslContext context) {
        return new ClientOptions(host, port, version, username, password, keepAliveSeconds, context);
    }
}
