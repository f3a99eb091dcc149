package io.bastionmq.codec.encode;

import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.PacketType;
import io.bastionmq.codec.packet.UnsubAck;
import io.bastionmq.codec.reason.UnsubAckReason;
import io.bastionmq.codec.wire.PropertyContext;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * UNSUBACK (MQTT5 3.11, MQTT-3.11 in 3.1.1):
 *
 * <pre>
 *   MQTT 5: 0xB0 | remaining length | packet id (2) | property length + properties | reason codes
 *   3.1.1:  0xB0 | 0x02             | packet id (2)
 * </pre>
 *
 * 3.1.1 UNSUBACK has no payload (MQTT-3.11.3), so reasons given for a 3.1.1 peer are dropped.
 */
final class UnsubAckEncoder {
    private UnsubAckEncoder() {}

    static int encodedSize(UnsubAck unsubAck, MqttVersion version) {
        int propertiesSize = checkedPropertiesSize(unsubAck, version);
        return FixedHeaderEncoder.packetSize(remainingLength(unsubAck, version, propertiesSize));
    }

    static int encode(UnsubAck unsubAck, MqttVersion version, ByteBuf out) {
        int propertiesSize = checkedPropertiesSize(unsubAck, version);
        int remaining = remainingLength(unsubAck, version, propertiesSize);

        int size = FixedHeaderEncoder.write(out, FixedHeaderEncoder.firstByte(PacketType.UNSUBACK), remaining);
        out.writeShort(unsubAck.packetId());
        if (version.isV5()) {
            PropertiesEncoder.write(out, unsubAck.properties(), propertiesSize);
            List<UnsubAckReason> reasons = unsubAck.reasons();
            for (int i = 0; i < reasons.size(); i++) {
                out.writeByte(reasons.get(i).value());
            }
        }
        return size;
    }

    private static int checkedPropertiesSize(UnsubAck unsubAck, MqttVersion version) {
        DataTypes.checkPacketId(unsubAck.packetId());
        if (!version.isV5()) {
            return 0;
        }
        if (unsubAck.reasons().isEmpty()) {
            throw new IllegalArgumentException("MQTT 5 UNSUBACK needs one reason code per topic filter (MQTT5 3.11.3)");
        }
        return PropertiesEncoder.size(unsubAck.properties(), PropertyContext.UNSUBACK);
    }

    private static int remainingLength(UnsubAck unsubAck, MqttVersion version, int propertiesSize) {
        if (!version.isV5()) {
            return 2;
        }
        long remaining = 2L + PropertiesEncoder.sectionSize(propertiesSize) + unsubAck.reasons().size();
        return FixedHeaderEncoder.remainingLength(remaining);
    }
}
