package io.bastionmq.codec.decode;

import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.UnsubAck;
import io.bastionmq.codec.reason.UnsubAckReason;
import io.bastionmq.codec.wire.PropertyContext;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * UNSUBACK (MQTT5 3.11, MQTT-3.11), decoded on the client side.
 *
 * <pre>
 *   3.1.1:  packet id (2)                                  remaining length exactly 2
 *   MQTT 5: packet id (2) | properties | { reason code (1) } ...   one per filter
 * </pre>
 */
final class UnsubAckDecoder {
    private UnsubAckDecoder() {}

    static UnsubAck decode(ByteBuf in, MqttVersion version) {
        if (!version.isV5()) {
            if (in.readableBytes() != 2) {
                throw Violations.malformed("MQTT-3.11.1", "UNSUBACK remaining length " + in.readableBytes() + ", expected 2");
            }
            return new UnsubAck(Fields.readPacketId(in, version), List.of(), Properties.EMPTY);
        }
        int packetId = Fields.readPacketId(in, version);
        Properties properties = PropertiesDecoder.decode(in, PropertyContext.UNSUBACK);
        if (!in.isReadable()) {
            // MQTT5 3.11.3: one code per filter of the UNSUBSCRIBE, which has at least one (MQTT-3.10.3-2).
            throw Violations.malformed("MQTT5 3.11.3", "UNSUBACK without a reason code");
        }
        List<UnsubAckReason> reasons = new ArrayList<>(in.readableBytes());
        while (in.isReadable()) {
            int value = in.readUnsignedByte();
            UnsubAckReason reason = UnsubAckReason.fromValue(value);
            if (reason == null) {
                throw Violations.malformed("MQTT5 3.11.3", "unknown UNSUBACK code 0x" + Integer.toHexString(value));
            }
            reasons.add(reason);
        }
        return new UnsubAck(packetId, reasons, properties);
    }
}
