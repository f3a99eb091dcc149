package io.bastionmq.codec.packet;

import io.bastionmq.codec.reason.PubRelReason;

/** PUBREL. 3.1.1 packets carry SUCCESS and no properties. */
public record PubRel(int packetId, PubRelReason reason, Properties properties) implements Packet {
    public PubRel(int packetId) {
        this(packetId, PubRelReason.SUCCESS, Properties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBREL;
    }
}
