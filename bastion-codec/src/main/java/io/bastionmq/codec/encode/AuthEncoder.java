package io.bastionmq.codec.encode;

import io.bastionmq.codec.packet.Auth;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.PacketType;
import io.bastionmq.codec.reason.AuthReason;
import io.bastionmq.codec.wire.PropertyContext;
import io.netty.buffer.ByteBuf;

/**
 * AUTH (MQTT5 3.15), MQTT 5 only:
 *
 * <pre>
 *   0xF0 | remaining length
 *   reason code (1 byte)            } both omitted together when SUCCESS and no properties
 *   property length + properties    } (MQTT5 3.15.2.1: "the AUTH has a Remaining Length of 0")
 * </pre>
 *
 * Unlike the PUBACK family and DISCONNECT, AUTH has no rule letting the property length be left
 * out behind a reason code (MQTT5 3.15.2.2.1), so any other AUTH carries it, even as 0.
 */
final class AuthEncoder {
    private AuthEncoder() {}

    static int encodedSize(Auth auth, MqttVersion version) {
        return FixedHeaderEncoder.packetSize(remainingLength(auth, checkedPropertiesSize(auth, version)));
    }

    static int encode(Auth auth, MqttVersion version, ByteBuf out) {
        int propertiesSize = checkedPropertiesSize(auth, version);
        int remaining = remainingLength(auth, propertiesSize);

        int size = FixedHeaderEncoder.write(out, FixedHeaderEncoder.firstByte(PacketType.AUTH), remaining);
        if (remaining > 0) {
            out.writeByte(auth.reason().value());
            PropertiesEncoder.write(out, auth.properties(), propertiesSize);
        }
        return size;
    }

    private static int checkedPropertiesSize(Auth auth, MqttVersion version) {
        if (!version.isV5()) {
            throw new IllegalArgumentException("AUTH exists only in MQTT 5 (MQTT5 3.15), not in " + version);
        }
        return PropertiesEncoder.size(auth.properties(), PropertyContext.AUTH);
    }

    private static int remainingLength(Auth auth, int propertiesSize) {
        if (auth.reason() == AuthReason.SUCCESS && propertiesSize == 0) {
            return 0;
        }
        return 1 + PropertiesEncoder.sectionSize(propertiesSize);
    }
}
