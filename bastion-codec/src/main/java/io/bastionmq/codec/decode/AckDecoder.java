package io.bastionmq.codec.decode;

import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Packet;
import io.bastionmq.codec.packet.PacketType;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.PubAck;
import io.bastionmq.codec.packet.PubComp;
import io.bastionmq.codec.packet.PubRec;
import io.bastionmq.codec.packet.PubRel;
import io.bastionmq.codec.reason.PubAckReason;
import io.bastionmq.codec.reason.PubCompReason;
import io.bastionmq.codec.reason.PubRecReason;
import io.bastionmq.codec.reason.PubRelReason;
import io.bastionmq.codec.reason.ReasonCode;
import io.bastionmq.codec.wire.PropertyContext;
import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * PUBACK, PUBREC, PUBREL and PUBCOMP (MQTT5 3.4-3.7), which share one layout:
 *
 * <pre>
 *   packet id (2) | [reason code (1)] | [v5 properties]
 *   3.1.1: remaining length exactly 2
 *   MQTT 5: 2 = Success, no properties; 3 = reason only; 4 or more = reason and properties
 *           (MQTT5 3.4.2.1, 3.4.2.2.1 and the same clauses for the other three)
 * </pre>
 */
final class AckDecoder {
    private AckDecoder() {}

    static Packet decode(PacketType type, ByteBuf in, MqttVersion version) {
        if (!version.isV5() && in.readableBytes() != 2) {
            // MQTT-3.4.2 (and 3.5.2, 3.6.2, 3.7.2): the remaining length is 2.
            throw Violations.malformed("MQTT-3.4.2", type + " remaining length " + in.readableBytes() + ", expected 2");
        }
        int packetId = Fields.readPacketId(in, version);
        int reasonByte = in.isReadable() ? Fields.readByte(in, "reason code") : 0x00;
        ReasonCode reason = reason(type, reasonByte);
        if (reason == null) {
            // MQTT5 2.4 / STYLE rule 5: a byte that is not a code of this packet is malformed.
            throw Violations.malformed("MQTT5 3.4.2.1", type + " with unknown reason code 0x" + Integer.toHexString(reasonByte));
        }
        Properties properties = in.isReadable() ? PropertiesDecoder.decode(in, context(type)) : Properties.EMPTY;
        Fields.requireEnd(in, type.name());
        return switch (type) {
            case PUBACK -> new PubAck(packetId, (PubAckReason) reason, properties);
            case PUBREC -> new PubRec(packetId, (PubRecReason) reason, properties);
            case PUBREL -> new PubRel(packetId, (PubRelReason) reason, properties);
            case PUBCOMP -> new PubComp(packetId, (PubCompReason) reason, properties);
            default -> throw new IllegalArgumentException(type + " is not an acknowledgement");
        };
    }

    private static @Nullable ReasonCode reason(PacketType type, int value) {
        return switch (type) {
            case PUBACK -> PubAckReason.fromValue(value);
            case PUBREC -> PubRecReason.fromValue(value);
            case PUBREL -> PubRelReason.fromValue(value);
            case PUBCOMP -> PubCompReason.fromValue(value);
            default -> throw new IllegalArgumentException(type + " is not an acknowledgement");
        };
    }

    private static PropertyContext context(PacketType type) {
        return PropertyContext.valueOf(type.name());
    }
}
