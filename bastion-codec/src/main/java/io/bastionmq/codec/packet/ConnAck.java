package io.bastionmq.codec.packet;

import io.bastionmq.codec.reason.ConnAckReason;

/** CONNACK (MQTT5 3.2). For 3.1.1 the encoder maps {@code reason} through {@code ConnectReturnCode.forV5}. */
public record ConnAck(boolean sessionPresent, ConnAckReason reason, Properties properties) implements Packet {
    @Override
    public PacketType type() {
        return PacketType.CONNACK;
    }
}
