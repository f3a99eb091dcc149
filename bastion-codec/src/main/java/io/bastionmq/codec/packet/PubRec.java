package io.bastionmq.codec.packet;

import io.bastionmq.codec.reason.PubRecReason;

/** PUBREC. 3.1.1 packets carry SUCCESS and no properties. */
public record PubRec(int packetId, PubRecReason reason, Properties properties) implements Packet {
    public PubRec(int packetId) {
        this(packetId, PubRecReason.SUCCESS, Properties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBREC;
    }
}
