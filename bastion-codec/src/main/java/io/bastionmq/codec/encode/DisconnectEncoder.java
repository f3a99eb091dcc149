package io.bastionmq.codec.encode;

import io.bastionmq.codec.packet.Disconnect;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.PacketType;
import io.bastionmq.codec.reason.DisconnectReason;
import io.bastionmq.codec.wire.PropertyContext;
import io.netty.buffer.ByteBuf;

/**
 * DISCONNECT (MQTT5 3.14, MQTT-3.14 in 3.1.1):
 *
 * <pre>
 *   0xE0 | remaining length
 *   reason code (1 byte)          omitted when NORMAL_DISCONNECTION and no properties (MQTT5 3.14.2.1)
 *   property length + properties  omitted when there are none (MQTT5 3.14.2.2.1: "If the
 *                                 Remaining Length is less than 2, a value of 0 is used")
 * </pre>
 *
 * 3.1.1 DISCONNECT is always 0xE0 0x00; its reason and properties have no place on that wire.
 */
final class DisconnectEncoder {
    private DisconnectEncoder() {}

    static int encodedSize(Disconnect disconnect, MqttVersion version) {
        return FixedHeaderEncoder.packetSize(remainingLength(disconnect, propertiesSize(disconnect, version), version));
    }

    static int encode(Disconnect disconnect, MqttVersion version, ByteBuf out) {
        int propertiesSize = propertiesSize(disconnect, version);
        int remaining = remainingLength(disconnect, propertiesSize, version);

        int size = FixedHeaderEncoder.write(out, FixedHeaderEncoder.firstByte(PacketType.DISCONNECT), remaining);
        if (remaining > 0) {
            out.writeByte(disconnect.reason().value());
        }
        if (remaining > 1) {
            PropertiesEncoder.write(out, disconnect.properties(), propertiesSize);
        }
        return size;
    }

    private static int propertiesSize(Disconnect disconnect, MqttVersion version) {
        return version.isV5() ? PropertiesEncoder.size(disconnect.properties(), PropertyContext.DISCONNECT) : 0;
    }

    private static int remainingLength(Disconnect disconnect, int propertiesSize, MqttVersion version) {
        if (!version.isV5() || (disconnect.reason() == DisconnectReason.NORMAL_DISCONNECTION && propertiesSize == 0)) {
            return 0;
        }
        return propertiesSize == 0 ? 1 : 1 + PropertiesEncoder.sectionSize(propertiesSize);
    }
}
