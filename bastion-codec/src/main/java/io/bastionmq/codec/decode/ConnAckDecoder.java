package io.bastionmq.codec.decode;

import io.bastionmq.codec.packet.ConnAck;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.reason.ConnAckReason;
import io.bastionmq.codec.reason.ConnectReturnCode;
import io.bastionmq.codec.wire.PropertyContext;
import io.netty.buffer.ByteBuf;

/**
 * CONNACK (MQTT5 3.2, MQTT-3.2), decoded on the client side.
 *
 * <pre>
 *   acknowledge flags (1): | reserved 7-1 | session present 0 |
 *   3.1.1:  flags | return code (1)                    remaining length exactly 2
 *   MQTT 5: flags | reason code (1) | properties
 * </pre>
 */
final class ConnAckDecoder {
    private ConnAckDecoder() {}

    static ConnAck decode(ByteBuf in, MqttVersion version) {
        if (!version.isV5() && in.readableBytes() != 2) {
            throw Violations.malformed("MQTT-3.2.1", "CONNACK remaining length " + in.readableBytes() + ", expected 2");
        }
        int flags = Fields.readByte(in, "connect acknowledge flags");
        if ((flags & 0xFE) != 0) {
            // MQTT-3.2.2-1 (3.1.1), MQTT5 3.2.2.1: bits 7-1 are reserved and 0.
            throw Violations.malformed("MQTT-3.2.2-1", "reserved connect acknowledge flags 0x" + Integer.toHexString(flags));
        }
        // MQTT 3.1 has no session present flag (the byte is reserved): never report one the encoder cannot write.
        boolean sessionPresent = flags == 1 && version != MqttVersion.V3_1;
        int code = Fields.readByte(in, "connect reason code");
        ConnAckReason reason;
        Properties properties;
        if (version.isV5()) {
            reason = ConnAckReason.fromValue(code);
            if (reason == null) {
                throw Violations.malformed("MQTT5 3.2.2.2", "unknown CONNACK reason code 0x" + Integer.toHexString(code));
            }
            properties = PropertiesDecoder.decode(in, PropertyContext.CONNACK);
            Fields.requireEnd(in, "CONNACK");
        } else {
            ConnectReturnCode returnCode = ConnectReturnCode.fromValue(code);
            if (returnCode == null) {
                throw Violations.malformed("MQTT-3.2.2.3", "unknown CONNACK return code 0x" + Integer.toHexString(code));
            }
            reason = returnCode.toV5();
            properties = Properties.EMPTY;
        }
        if (sessionPresent && reason.isError()) {
            // MQTT-3.2.2-4 (3.1.1), MQTT-3.2.2-6 (MQTT 5): a refused connection has no session.
            throw Violations.protocolError(version, version.isV5() ? "MQTT-3.2.2-6" : "MQTT-3.2.2-4", "session present on a refused connection");
        }
        return new ConnAck(sessionPresent, reason, properties);
    }
}
