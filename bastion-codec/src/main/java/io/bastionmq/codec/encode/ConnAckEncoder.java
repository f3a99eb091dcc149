package io.bastionmq.codec.encode;

import io.bastionmq.codec.packet.ConnAck;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.PacketType;
import io.bastionmq.codec.reason.ConnectReturnCode;
import io.bastionmq.codec.wire.PropertyContext;
import io.netty.buffer.ByteBuf;

/**
 * CONNACK (MQTT5 3.2, MQTT-3.2 in 3.1.1):
 *
 * <pre>
 *   0x20 | remaining length
 *   acknowledge flags: | 0000000 | session present |    MQTT5 3.2.2.1
 *   reason code (5) or return code (3.1.1)              MQTT5 3.2.2.2, MQTT-3.2.2.3
 *   property length + properties, MQTT 5 only           MQTT5 3.2.2.3
 * </pre>
 */
final class ConnAckEncoder {
    private ConnAckEncoder() {}

    static int encodedSize(ConnAck connAck, MqttVersion version) {
        if (!version.isV5()) {
            returnCode(connAck); // the same refusal as encode
            return FixedHeaderEncoder.packetSize(2);
        }
        int propertiesSize = PropertiesEncoder.size(connAck.properties(), PropertyContext.CONNACK);
        return FixedHeaderEncoder.packetSize(2 + PropertiesEncoder.sectionSize(propertiesSize));
    }

    static int encode(ConnAck connAck, MqttVersion version, ByteBuf out) {
        int firstByte = FixedHeaderEncoder.firstByte(PacketType.CONNACK);
        if (!version.isV5()) {
            int code = returnCode(connAck);
            int size = FixedHeaderEncoder.write(out, firstByte, 2);
            out.writeByte(sessionPresentFlag(connAck, code, version));
            out.writeByte(code);
            return size;
        }
        int propertiesSize = PropertiesEncoder.size(connAck.properties(), PropertyContext.CONNACK);
        int size = FixedHeaderEncoder.write(out, firstByte, 2 + PropertiesEncoder.sectionSize(propertiesSize));
        out.writeByte(sessionPresentFlag(connAck, connAck.reason().value(), version));
        out.writeByte(connAck.reason().value());
        PropertiesEncoder.write(out, connAck.properties(), propertiesSize);
        return size;
    }

    /** 3.1.1 has no code for some MQTT 5 reasons: the caller must close without a CONNACK (MQTT-3.1.4-1). */
    private static int returnCode(ConnAck connAck) {
        ConnectReturnCode code = ConnectReturnCode.forV5(connAck.reason());
        if (code == null) {
            throw new IllegalArgumentException(connAck.reason() + " has no 3.1.1 return code: close the connection instead");
        }
        return code.value();
    }

    /**
     * Session present is forced to 0 with a refusal (MQTT-3.2.2-4 in 3.1.1, MQTT-3.2.2-6 in 5)
     * rather than thrown on: failing here would cost the client the refusal's reason. MQTT 3.1 has
     * no session present flag; the byte is reserved there, so it is always 0.
     */
    private static int sessionPresentFlag(ConnAck connAck, int code, MqttVersion version) {
        return connAck.sessionPresent() && code == 0 && version != MqttVersion.V3_1 ? 1 : 0;
    }
}
