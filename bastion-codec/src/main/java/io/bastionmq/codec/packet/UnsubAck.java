package io.bastionmq.codec.packet;

import io.bastionmq.codec.reason.UnsubAckReason;
import java.util.List;

/** UNSUBACK (MQTT5 3.11). 3.1.1 UNSUBACK has no payload: {@code reasons} is empty when decoded from 3.1.1. */
public record UnsubAck(int packetId, List<UnsubAckReason> reasons, Properties properties) implements Packet {
    public UnsubAck {
        reasons = List.copyOf(reasons);
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBACK;
    }
}
