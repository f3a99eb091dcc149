package io.bastionmq.codec.packet;

import io.bastionmq.codec.reason.DisconnectReason;

/** DISCONNECT (MQTT5 3.14). 3.1.1 DISCONNECT is always NORMAL_DISCONNECTION with no properties. */
public record Disconnect(DisconnectReason reason, Properties properties) implements Packet {
    public static final Disconnect NORMAL = new Disconnect(DisconnectReason.NORMAL_DISCONNECTION, Properties.EMPTY);

    @Override
    public PacketType type() {
        return PacketType.DISCONNECT;
    }
}
