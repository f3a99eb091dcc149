package io.bastionmq.codec.packet;

import io.bastionmq.codec.reason.PubAckReason;

/** PUBACK. 3.1.1 packets carry SUCCESS and no properties. */
public record PubAck(int packetId, PubAckReason reason, Properties properties) implements Packet {
    public PubAck(int packetId) {
        this(packetId, PubAckReason.SUCCESS, Properties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBACK;
    }
}
