package io.bastionmq.codec.packet;

import io.bastionmq.codec.reason.SubAckReason;
import java.util.List;

/** SUBACK (MQTT5 3.9): one reason per subscription, in order. */
public record SubAck(int packetId, List<SubAckReason> reasons, Properties properties) implements Packet {
    public SubAck {
        reasons = List.copyOf(reasons);
    }

    @Override
    public PacketType type() {
        return PacketType.SUBACK;
    }
}
