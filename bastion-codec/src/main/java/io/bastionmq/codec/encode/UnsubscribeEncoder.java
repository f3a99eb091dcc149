package io.bastionmq.codec.encode;

import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.PacketType;
import io.bastionmq.codec.packet.Unsubscribe;
import io.bastionmq.codec.wire.PropertyContext;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * UNSUBSCRIBE (MQTT5 3.10, MQTT-3.10 in 3.1.1):
 *
 * <pre>
 *   0xA2 | remaining length                      flags 0b0010 (MQTT-3.10.1-1)
 *   packet identifier (2 bytes)
 *   property length + properties, MQTT 5 only
 *   (topic filter (UTF-8 string))+
 * </pre>
 */
final class UnsubscribeEncoder {
    private UnsubscribeEncoder() {}

    static int encodedSize(Unsubscribe unsubscribe, MqttVersion version) {
        int propertiesSize = checkedPropertiesSize(unsubscribe, version);
        return FixedHeaderEncoder.packetSize(remainingLength(unsubscribe, version, propertiesSize));
    }

    static int encode(Unsubscribe unsubscribe, MqttVersion version, ByteBuf out) {
        int propertiesSize = checkedPropertiesSize(unsubscribe, version);
        int remaining = remainingLength(unsubscribe, version, propertiesSize);

        int size = FixedHeaderEncoder.write(out, FixedHeaderEncoder.firstByte(PacketType.UNSUBSCRIBE), remaining);
        out.writeShort(unsubscribe.packetId());
        if (version.isV5()) {
            PropertiesEncoder.write(out, unsubscribe.properties(), propertiesSize);
        }
        List<String> filters = unsubscribe.filters();
        for (int i = 0; i < filters.size(); i++) {
            DataTypes.writeUtf8(out, filters.get(i));
        }
        return size;
    }

    private static int checkedPropertiesSize(Unsubscribe unsubscribe, MqttVersion version) {
        DataTypes.checkPacketId(unsubscribe.packetId());
        if (unsubscribe.filters().isEmpty()) {
            throw new IllegalArgumentException("UNSUBSCRIBE needs at least one topic filter (MQTT-3.10.3-2)");
        }
        return version.isV5() ? PropertiesEncoder.size(unsubscribe.properties(), PropertyContext.UNSUBSCRIBE) : 0;
    }

    private static int remainingLength(Unsubscribe unsubscribe, MqttVersion version, int propertiesSize) {
        long remaining = 2;
        if (version.isV5()) {
            remaining += PropertiesEncoder.sectionSize(propertiesSize);
        }
        List<String> filters = unsubscribe.filters();
        for (int i = 0; i < filters.size(); i++) {
            remaining += DataTypes.utf8Size(filters.get(i));
        }
        return FixedHeaderEncoder.remainingLength(remaining);
    }
}
