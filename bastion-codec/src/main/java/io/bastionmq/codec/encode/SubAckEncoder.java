package io.bastionmq.codec.encode;

import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.PacketType;
import io.bastionmq.codec.packet.SubAck;
import io.bastionmq.codec.reason.SubAckReason;
import io.bastionmq.codec.wire.PropertyContext;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * SUBACK (MQTT5 3.9, MQTT-3.9 in 3.1.1):
 *
 * <pre>
 *   0x90 | remaining length
 *   packet identifier (2 bytes)
 *   property length + properties, MQTT 5 only (never omitted: MQTT5 3.9.2.1 has no such rule)
 *   one reason code per topic filter of the SUBSCRIBE, in order
 * </pre>
 *
 * 3.1.1 knows only 0x00, 0x01, 0x02 and 0x80 (MQTT-3.9.3-2): every MQTT 5 failure becomes 0x80.
 */
final class SubAckEncoder {
    private SubAckEncoder() {}

    static int encodedSize(SubAck subAck, MqttVersion version) {
        int propertiesSize = checkedPropertiesSize(subAck, version);
        return FixedHeaderEncoder.packetSize(remainingLength(subAck, version, propertiesSize));
    }

    static int encode(SubAck subAck, MqttVersion version, ByteBuf out) {
        int propertiesSize = checkedPropertiesSize(subAck, version);
        int remaining = remainingLength(subAck, version, propertiesSize);

        int size = FixedHeaderEncoder.write(out, FixedHeaderEncoder.firstByte(PacketType.SUBACK), remaining);
        out.writeShort(subAck.packetId());
        if (version.isV5()) {
            PropertiesEncoder.write(out, subAck.properties(), propertiesSize);
        }
        List<SubAckReason> reasons = subAck.reasons();
        for (int i = 0; i < reasons.size(); i++) {
            SubAckReason reason = reasons.get(i);
            out.writeByte(!version.isV5() && reason.isError() ? 0x80 : reason.value());
        }
        return size;
    }

    private static int checkedPropertiesSize(SubAck subAck, MqttVersion version) {
        DataTypes.checkPacketId(subAck.packetId());
        if (subAck.reasons().isEmpty()) {
            throw new IllegalArgumentException("SUBACK needs one reason code per topic filter (MQTT5 3.9.3)");
        }
        return version.isV5() ? PropertiesEncoder.size(subAck.properties(), PropertyContext.SUBACK) : 0;
    }

    private static int remainingLength(SubAck subAck, MqttVersion version, int propertiesSize) {
        long remaining = 2L + subAck.reasons().size();
        if (version.isV5()) {
            remaining += PropertiesEncoder.sectionSize(propertiesSize);
        }
        return FixedHeaderEncoder.remainingLength(remaining);
    }
}
