package io.bastionmq.transport;

import io.bastionmq.config.ListenerConfig;
import io.bastionmq.config.MqttConfig;
import io.bastionmq.connection.ConnectionServices;
import io.bastionmq.connection.MqttConnection;
import io.bastionmq.transport.tls.CertificateAudit;
import io.bastionmq.transport.tls.ServerTls;
import io.bastionmq.transport.websocket.WebSocketFrames;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslHandler;
import org.jspecify.annotations.Nullable;

/**
 * The pipeline of one connection, stage by stage: this method is the table of contents of the
 * broker (STYLE rule 1). Inbound bytes flow down this list; outbound packets flow up it.
 */
public final class MqttChannelInitializer extends ChannelInitializer<SocketChannel> {
    /** Stage names, in pipeline order. */
    static final String TLS = "tls";
    static final String FLUSH = "flush-consolidation";
    static final String ADMISSION = "admission";
    static final String DECODER = "mqtt-decoder";
    static final String ENCODER = "mqtt-encoder";
    static final String RATE = "rate";
    static final String MQTT = "mqtt";

    private final ListenerConfig listener;
    private final ConnectionServices services;
    private final ChannelGroup connections;
    private final @Nullable ServerTls tls;
    private final CertificateAudit certificateAudit;

    public MqttChannelInitializer(ListenerConfig listener, ConnectionServices services, ChannelGroup connections) {
        this(listener, services, connections, null);
    }

    /** {@code tls} is the listener's TLS stage, null for a plaintext listener. */
    public MqttChannelInitializer(ListenerConfig listener, ConnectionServices services, ChannelGroup connections,
                                  @Nullable ServerTls tls) {
        this.listener = listener;
        this.services = services;
        this.connections = connections;
        this.tls = tls;
        this.certificateAudit = new CertificateAudit(services.audit(), listener.name());
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        MqttConfig mqtt = services.mqtt();
        connections.add(ch); // for graceful shutdown; the group forgets closed channels itself
        ChannelPipeline p = ch.pipeline();
        if (tls != null) {
            SslHandler ssl = tls.newHandler(ch);
            certificateAudit.watch(ch, ssl); // THREATS.md C25: rejected client certificates are audited
            p.addLast(TLS, ssl); // first: nothing below sees a byte the handshake did not protect
        }
        // Batches flushes of many small writes (acks, fan-out) into fewer syscalls.
        p.addLast(FLUSH, new FlushConsolidationHandler(256, true));
        // Bans, overload, connect rate, connection counts: decided before a byte of MQTT is read.
        p.addLast(ADMISSION, new AdmissionHandler(services.limits().admission()));
        if (listener.transport() == ListenerConfig.Transport.WEBSOCKET) {
            WebSocketFrames.install(p, listener.path(), mqtt.maxPacketSize() + 5);
        }
        p.addLast(MqttConnection.CONNECT_TIMEOUT, new ConnectTimeout(mqtt.connectTimeout()));
        p.addLast(DECODER, new MqttFrameDecoder(mqtt.maxPacketSize()));
        p.addLast(ENCODER, MqttFrameEncoder.INSTANCE);
        // Publish rate per client (backpressure via autoRead), overload pauses and QoS 0 shedding.
        p.addLast(RATE, new InboundRateLimiter(services.limits(), services.metrics()));
        MqttConnection connection = new MqttConnection(services);
        p.addLast(MqttConnection.OUTBOUND_PUBLISHES, connection.outboundPublishes());
        p.addLast(MQTT, connection);
    }
}
