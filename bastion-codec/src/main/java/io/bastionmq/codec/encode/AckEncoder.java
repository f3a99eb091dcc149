package io.bastionmq.codec.encode;

import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.PacketType;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.reason.ReasonCode;
import io.bastionmq.codec.wire.PropertyContext;
import io.netty.buffer.ByteBuf;

/**
 * PUBACK, PUBREC, PUBREL and PUBCOMP share one layout (MQTT5 3.4 to 3.7; MQTT-3.4 to 3.7 in 3.1.1):
 *
 * <pre>
 *   byte 1: | type | flags |   flags 0b0010 for PUBREL (MQTT-3.6.1-1), else 0
 *   remaining length           2, 3, or 4 and more
 *   packet identifier (2 bytes)
 *   reason code (1 byte)             MQTT 5; omitted when SUCCESS and no properties (MQTT5 3.4.2.1)
 *   property length + properties     MQTT 5; omitted when there are none (MQTT5 3.4.2.2.1:
 *                                    "If the Remaining Length is less than 4 ... 0 is used")
 * </pre>
 *
 * 3.1.1 has only the packet identifier; a reason or properties given for a 3.1.1 peer are
 * dropped, because that protocol has no way to carry them.
 */
final class AckEncoder {
    private AckEncoder() {}

    static int encodedSize(int packetId, ReasonCode reason, Properties properties, PropertyContext context, MqttVersion version) {
        DataTypes.checkPacketId(packetId);
        int propertiesSize = version.isV5() ? PropertiesEncoder.size(properties, context) : 0;
        return FixedHeaderEncoder.packetSize(remainingLength(reason, propertiesSize, version));
    }

    static int encode(PacketType type, int packetId, ReasonCode reason, Properties properties, PropertyContext context,
            MqttVersion version, ByteBuf out) {
        DataTypes.checkPacketId(packetId);
        int propertiesSize = version.isV5() ? PropertiesEncoder.size(properties, context) : 0;
        int remaining = remainingLength(reason, propertiesSize, version);

        int size = FixedHeaderEncoder.write(out, FixedHeaderEncoder.firstByte(type), remaining);
        out.writeShort(packetId);
        if (remaining > 2) {
            out.writeByte(reason.value());
        }
        if (remaining > 3) {
            PropertiesEncoder.write(out, properties, propertiesSize);
        }
        return size;
    }

    private static int remainingLength(ReasonCode reason, int propertiesSize, MqttVersion version) {
        if (!version.isV5() || (reason.value() == 0 && propertiesSize == 0)) {
            return 2;
        }
        if (propertiesSize == 0) {
            return 3;
        }
        return 3 + PropertiesEncoder.sectionSize(propertiesSize);
    }
}
