package io.bastionmq.connection;

import io.bastionmq.codec.reason.ProtocolViolation;
import io.bastionmq.codec.packet.ConnAck;
import io.bastionmq.codec.packet.Disconnect;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.reason.ConnAckReason;
import io.bastionmq.codec.reason.ConnectReturnCode;
import io.bastionmq.codec.reason.DisconnectReason;
import io.bastionmq.codec.reason.ReasonCode;
import io.bastionmq.codec.wire.Property;
import io.bastionmq.metrics.Metrics;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single exit from a connection: every refusal and every error ends here, and here the
 * protocol level decides what goes on the wire. Before a session exists an MQTT 5 client gets a
 * CONNACK with the reason, a 3.1.1 client the return code 3.1.1 has for it, or just a close
 * (MQTT-3.1.4-1); afterwards an MQTT 5 client gets DISCONNECT with the reason (MQTT5 4.13.1) and a
 * 3.1.1 client a close (MQTT-4.8.0-1). Logging is rate limited so a flood of garbage cannot
 * flood the log.
 */
final class Disconnects {
    private static final Logger log = LoggerFactory.getLogger(Disconnects.class);
    private static final long LOG_INTERVAL_NANOS = 1_000_000_000L;

    private final Metrics metrics;
    private volatile long lastLogNanos;

    Disconnects(Metrics metrics) {
        this.metrics = metrics;
    }

    /** A packet broke the protocol: answer with the reason the violation carries, then close. */
    void onViolation(Channel channel, ConnectionState state, ProtocolViolation v) {
        metrics.protocolViolations.increment();
        logLimited(channel, state, v.reason(), v.clause() + ": " + v.getMessage());
        if (!state.connected) {
            if (v.reason() instanceof ConnAckReason reason) {
                refuseConnect(channel, state, reason, v.getMessage());
            } else {
                refuseConnect(channel, state, ConnAckReason.fromValue(v.reason().value()) instanceof ConnAckReason c
                        ? c : ConnAckReason.PROTOCOL_ERROR, v.getMessage());
            }
            return;
        }
        DisconnectReason reason = DisconnectReason.fromValue(v.reason().value());
        serverDisconnect(channel, state, reason == null ? DisconnectReason.PROTOCOL_ERROR : reason, v.getMessage());
    }

    /**
     * Refuses a CONNECT. MQTT 5: CONNACK with the reason (MQTT-3.2.2-6 session present 0). 3.1.1:
     * the return code if the reason has one, else a plain close. An unsupported protocol level is
     * answered in the 3.1.1 format with return code 0x01 (MQTT-3.1.2-2), the only form a client
     * of an unknown level can be expected to read.
     */
    void refuseConnect(Channel channel, ConnectionState state, ConnAckReason reason, @Nullable String why) {
        refuseConnect(channel, state, reason, why, Properties.EMPTY);
    }

    /** As above; an MQTT 5 CONNACK also carries {@code extras} (MQTT5 4.12.0-4: enhanced authentication's last word). */
    void refuseConnect(Channel channel, ConnectionState state, ConnAckReason reason, @Nullable String why, Properties extras) {
        metrics.connectsRejected.increment();
        state.closing = true;
        MqttVersion version = state.version;
        ConnAck connAck = null;
        if (reason == ConnAckReason.UNSUPPORTED_PROTOCOL_VERSION && version != MqttVersion.V5) {
            channel.attr(ConnectionAttributes.VERSION).set(MqttVersion.V3_1_1);
            connAck = new ConnAck(false, reason, Properties.EMPTY);
        } else if (version == MqttVersion.V5) {
            Properties props = why == null ? extras : extras.toBuilder().set(Property.REASON_STRING, why).build();
            connAck = new ConnAck(false, reason, props);
        } else if (version != null && ConnectReturnCode.forV5(reason) != null) {
            connAck = new ConnAck(false, reason, Properties.EMPTY);
        }
        if (connAck == null) {
            channel.close();
        } else {
            channel.writeAndFlush(connAck).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** The server ends an established connection (MQTT5 3.14: DISCONNECT with a reason for MQTT 5). */
    void serverDisconnect(Channel channel, ConnectionState state, DisconnectReason reason, @Nullable String why) {
        if (state.closing) {
            return;
        }
        state.closing = true;
        if (state.isV5() && channel.isActive()) {
            // A reason string is allowed on DISCONNECT whatever Request Problem Information says
            // (MQTT-3.1.2-29), but not if it would make the packet exceed the client's maximum.
            Properties props = why == null || why.length() + 16 > state.clientMaximumPacketSize ? Properties.EMPTY
                    : Properties.builder().set(Property.REASON_STRING, why).build();
            channel.writeAndFlush(new Disconnect(reason, props)).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    private void logLimited(Channel channel, ConnectionState state, ReasonCode reason, String detail) {
        long now = System.nanoTime();
        if (now - lastLogNanos >= LOG_INTERVAL_NANOS && log.isInfoEnabled()) {
            lastLogNanos = now;
            log.info("closing {} client '{}': {} {} (further violations within 1 s not logged)",
                    channel.remoteAddress(), state.clientId, reason, detail);
        }
    }
}
