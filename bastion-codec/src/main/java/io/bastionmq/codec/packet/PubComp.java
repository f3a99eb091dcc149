package io.bastionmq.codec.packet;

import io.bastionmq.codec.reason.PubCompReason;

/** PUBCOMP. 3.1.1 packets carry SUCCESS and no properties. */
public record PubComp(int packetId, PubCompReason reason, Properties properties) implements Packet {
    public PubComp(int packetId) {
        this(packetId, PubCompReason.SUCCESS, Properties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBCOMP;
    }
}
