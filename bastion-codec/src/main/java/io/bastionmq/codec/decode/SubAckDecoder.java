package io.bastionmq.codec.decode;

import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.SubAck;
import io.bastionmq.codec.reason.SubAckReason;
import io.bastionmq.codec.wire.PropertyContext;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * SUBACK (MQTT5 3.9, MQTT-3.9), decoded on the client side.
 *
 * <pre>
 *   packet id (2) | [v5 properties] | { reason code (1) } ...   one per requested filter
 * </pre>
 */
final class SubAckDecoder {
    private SubAckDecoder() {}

    static SubAck decode(ByteBuf in, MqttVersion version) {
        int packetId = Fields.readPacketId(in, version);
        Properties properties = version.isV5() ? PropertiesDecoder.decode(in, PropertyContext.SUBACK) : Properties.EMPTY;
        if (!in.isReadable()) {
            // MQTT-3.9.3-1: one code per filter of the SUBSCRIBE, which has at least one (MQTT-3.8.3-3).
            throw Violations.malformed("MQTT-3.9.3-1", "SUBACK without a reason code");
        }
        List<SubAckReason> reasons = new ArrayList<>(in.readableBytes());
        while (in.isReadable()) {
            int value = in.readUnsignedByte();
            SubAckReason reason = SubAckReason.fromValue(value);
            // MQTT-3.9.3-2 (3.1.1): only 0x00, 0x01, 0x02 and 0x80 are allowed return codes.
            boolean allowed = reason != null && (version.isV5() || value <= 0x02 || value == 0x80);
            if (!allowed) {
                throw Violations.malformed(version.isV5() ? "MQTT5 3.9.3" : "MQTT-3.9.3-2", "unknown SUBACK code 0x" + Integer.toHexString(value));
            }
            reasons.add(reason);
        }
        return new SubAck(packetId, reasons, properties);
    }
}
