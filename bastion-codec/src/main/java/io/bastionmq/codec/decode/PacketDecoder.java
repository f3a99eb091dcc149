package io.bastionmq.codec.decode;

import io.bastionmq.codec.reason.ProtocolViolation;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Packet;
import io.bastionmq.codec.packet.PacketType;
import io.bastionmq.codec.reason.ConnAckReason;
import io.bastionmq.codec.reason.DisconnectReason;
import io.bastionmq.codec.reason.ReasonCode;
import io.bastionmq.codec.wire.FixedHeader;
import io.bastionmq.codec.wire.VariableByteInteger;
import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * The strict MQTT decoder, in two steps so that the caller never buffers more than it must:
 * {@link #readFixedHeader} checks type, flags and size from the first 2..5 bytes; once the body
 * has arrived, {@link #decode} turns it into a {@link Packet}. Both are pure and throw only
 * {@link ProtocolViolation}. It decodes every packet type in both directions (the load tool
 * uses it as a client); which packets a server may receive is the connection's business.
 */
public final class PacketDecoder {
    private PacketDecoder() {}

    /**
     * Reads the fixed header at the reader index without moving it.
     *
     * @return null when more bytes are needed to know the remaining length
     * @throws ProtocolViolation for a reserved type or wrong flags (MALFORMED_PACKET), or, as soon
     *     as the remaining length is known, a packet larger than {@code maxPacketSize}
     *     (PACKET_TOO_LARGE), so that the body is never buffered
     */
    public static @Nullable FixedHeader readFixedHeader(ByteBuf in, int maxPacketSize) {
        if (!in.isReadable()) {
            return null;
        }
        int start = in.readerIndex();
        int first = in.getUnsignedByte(start);
        PacketType type = PacketType.fromValue(first >>> 4);
        int flags = first & 0x0F;
        if (type == null) {
            // MQTT5 2.1.2 Table 2-1 / MQTT-2.2.1 Table 2.1: type 0 is reserved, forbidden.
            throw Violations.malformed("MQTT5 2.1.2", "reserved packet type 0");
        }
        if (type != PacketType.PUBLISH && flags != type.requiredFlags()) {
            // MQTT5 2.1.3 Table 2-2, MQTT-2.2.2-1 / MQTT-2.2.2-2: wrong reserved flags are malformed.
            throw new ProtocolViolation(malformed(type), "MQTT-2.2.2-2",
                    type + " with flags 0x" + Integer.toHexString(flags));
        }
        int remainingLength;
        int headerLength;
        try {
            in.readerIndex(start + 1);
            remainingLength = VariableByteInteger.tryRead(in); // MQTT-1.5.5-1: throws on a fifth byte
            // Counted, not computed from the value: a non-minimal encoding (0x80 0x00) is legal and longer.
            headerLength = in.readerIndex() - start;
        } finally {
            in.readerIndex(start);
        }
        if (remainingLength == VariableByteInteger.INCOMPLETE) {
            return null;
        }
        FixedHeader header = new FixedHeader(type, flags, remainingLength, headerLength);
        if (header.packetSize() > maxPacketSize) {
            // MQTT5 3.1.2.11.4: a packet above the server's Maximum Packet Size is refused with 0x95.
            ReasonCode tooLarge = type == PacketType.CONNECT ? ConnAckReason.PACKET_TOO_LARGE : DisconnectReason.PACKET_TOO_LARGE;
            throw new ProtocolViolation(tooLarge, "MQTT5 3.1.2.11.4",
                    type + " of " + header.packetSize() + " bytes exceeds the maximum packet size " + maxPacketSize);
        }
        return header;
    }

    /**
     * Decodes one packet. {@code body} holds exactly the {@code remainingLength} bytes that follow
     * the fixed header; all of them are consumed or the packet is malformed.
     *
     * @param version the protocol level of the connection, or null before CONNECT, when CONNECT is
     *     the only packet allowed (MQTT-3.1.0-1). A CONNECT is decoded at its own level whatever
     *     {@code version} says: refusing a second CONNECT (MQTT-3.1.0-2) is the connection's job.
     */
    public static Packet decode(FixedHeader header, ByteBuf body, @Nullable MqttVersion version) {
        if (body.readableBytes() != header.remainingLength()) {
            throw new IllegalArgumentException("body holds " + body.readableBytes() + " bytes, header says " + header.remainingLength());
        }
        PacketType type = header.type();
        if (type == PacketType.CONNECT) {
            try {
                return ConnectDecoder.decode(body);
            } catch (ProtocolViolation v) {
                throw Violations.asConnAck(v);
            }
        }
        if (version == null) {
            throw Violations.protocolError("MQTT-3.1.0-1", "first packet is " + type + ", not CONNECT");
        }
        return switch (type) {
            case CONNECT -> throw new IllegalStateException("handled above");
            case CONNACK -> ConnAckDecoder.decode(body, version);
            case PUBLISH -> PublishDecoder.decode(header.flags(), body, version);
            case PUBACK, PUBREC, PUBREL, PUBCOMP -> AckDecoder.decode(type, body, version);
            case SUBSCRIBE -> SubscribeDecoder.decode(body, version);
            case SUBACK -> SubAckDecoder.decode(body, version);
            case UNSUBSCRIBE -> UnsubscribeDecoder.decode(body, version);
            case UNSUBACK -> UnsubAckDecoder.decode(body, version);
            case PINGREQ, PINGRESP -> PingDecoder.decode(type, body);
            case DISCONNECT -> DisconnectDecoder.decode(body, version);
            case AUTH -> AuthDecoder.decode(body, version);
        };
    }

    private static ReasonCode malformed(PacketType type) {
        return type == PacketType.CONNECT ? ConnAckReason.MALFORMED_PACKET : DisconnectReason.MALFORMED_PACKET;
    }
}
