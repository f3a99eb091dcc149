package io.bastionmq.codec.encode;

import io.bastionmq.codec.packet.Auth;
import io.bastionmq.codec.packet.ConnAck;
import io.bastionmq.codec.packet.Connect;
import io.bastionmq.codec.packet.Disconnect;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Packet;
import io.bastionmq.codec.packet.PacketType;
import io.bastionmq.codec.packet.PingReq;
import io.bastionmq.codec.packet.PingResp;
import io.bastionmq.codec.packet.PubAck;
import io.bastionmq.codec.packet.PubComp;
import io.bastionmq.codec.packet.PubRec;
import io.bastionmq.codec.packet.PubRel;
import io.bastionmq.codec.packet.Publish;
import io.bastionmq.codec.packet.SubAck;
import io.bastionmq.codec.packet.Subscribe;
import io.bastionmq.codec.packet.UnsubAck;
import io.bastionmq.codec.packet.Unsubscribe;
import io.bastionmq.codec.wire.PropertyContext;
import io.netty.buffer.ByteBuf;

/**
 * The pure MQTT encoder: {@link Packet} to bytes for MQTT 3.1, 3.1.1 and 5.
 *
 * <p>Each packet is measured first (which also validates it), then written straight into the
 * caller's buffer with no intermediate buffer. A packet that cannot be encoded as given (a string
 * over 65,535 bytes, a property not allowed in the packet, AUTH for 3.1.1, a CONNACK reason with
 * no 3.1.1 return code) throws {@link IllegalArgumentException} before anything is written.
 *
 * <p>For 3.1 and 3.1.1 peers, properties and the MQTT 5 reasons of acknowledgements are left out:
 * those protocols have nowhere to carry them, and the broker builds one packet for subscribers of
 * either version.
 */
public final class PacketEncoder {
    private PacketEncoder() {}

    /** Writes the whole packet (fixed header and body) at the writer index of {@code out}. */
    public static void encode(Packet packet, MqttVersion version, ByteBuf out) {
        int start = out.writerIndex();
        int announced = switch (packet) {
            case Publish p -> PublishEncoder.encode(p, version, out);
            case PubAck a -> AckEncoder.encode(PacketType.PUBACK, a.packetId(), a.reason(), a.properties(), PropertyContext.PUBACK, version, out);
            case PubRec r -> AckEncoder.encode(PacketType.PUBREC, r.packetId(), r.reason(), r.properties(), PropertyContext.PUBREC, version, out);
            case PubRel r -> AckEncoder.encode(PacketType.PUBREL, r.packetId(), r.reason(), r.properties(), PropertyContext.PUBREL, version, out);
            case PubComp c -> AckEncoder.encode(PacketType.PUBCOMP, c.packetId(), c.reason(), c.properties(), PropertyContext.PUBCOMP, version, out);
            case Connect c -> ConnectEncoder.encode(c, version, out);
            case ConnAck c -> ConnAckEncoder.encode(c, version, out);
            case Subscribe s -> SubscribeEncoder.encode(s, version, out);
            case SubAck s -> SubAckEncoder.encode(s, version, out);
            case Unsubscribe u -> UnsubscribeEncoder.encode(u, version, out);
            case UnsubAck u -> UnsubAckEncoder.encode(u, version, out);
            case PingReq p -> FixedHeaderEncoder.write(out, FixedHeaderEncoder.firstByte(PacketType.PINGREQ), 0);
            case PingResp p -> FixedHeaderEncoder.write(out, FixedHeaderEncoder.firstByte(PacketType.PINGRESP), 0);
            case Disconnect d -> DisconnectEncoder.encode(d, version, out);
            case Auth a -> AuthEncoder.encode(a, version, out);
        };
        // A remaining length that disagrees with the body would desynchronise the peer's framing
        // for the rest of the connection; fail loudly instead (a bug here, never bad input).
        if (out.writerIndex() - start != announced) {
            throw new IllegalStateException(packet.type() + ": wrote " + (out.writerIndex() - start)
                    + " bytes but the fixed header announced " + announced);
        }
    }

    /**
     * The offset of the two packet identifier bytes in the encoded {@code publish} (QoS 1 or 2):
     * a PUBLISH encoded once can be sent to several subscribers by rewriting those two bytes,
     * since nothing else in the packet depends on the id (MQTT5 3.3.2.2).
     */
    public static int publishPacketIdOffset(Publish publish, MqttVersion version) {
        return PublishEncoder.packetIdOffset(publish, version);
    }

    /**
     * The exact number of bytes {@link #encode} writes for this packet, computed without a buffer,
     * so that the broker can hold a packet to the client's Maximum Packet Size (MQTT5 3.1.2.11.4)
     * before writing it. Throws as {@link #encode} would for a packet it cannot encode.
     */
    public static int encodedSize(Packet packet, MqttVersion version) {
        return switch (packet) {
            case Publish p -> PublishEncoder.encodedSize(p, version);
            case PubAck a -> AckEncoder.encodedSize(a.packetId(), a.reason(), a.properties(), PropertyContext.PUBACK, version);
            case PubRec r -> AckEncoder.encodedSize(r.packetId(), r.reason(), r.properties(), PropertyContext.PUBREC, version);
            case PubRel r -> AckEncoder.encodedSize(r.packetId(), r.reason(), r.properties(), PropertyContext.PUBREL, version);
            case PubComp c -> AckEncoder.encodedSize(c.packetId(), c.reason(), c.properties(), PropertyContext.PUBCOMP, version);
            case Connect c -> ConnectEncoder.encodedSize(c, version);
            case ConnAck c -> ConnAckEncoder.encodedSize(c, version);
            case Subscribe s -> SubscribeEncoder.encodedSize(s, version);
            case SubAck s -> SubAckEncoder.encodedSize(s, version);
            case Unsubscribe u -> UnsubscribeEncoder.encodedSize(u, version);
            case UnsubAck u -> UnsubAckEncoder.encodedSize(u, version);
            case PingReq p -> 2;
            case PingResp p -> 2;
            case Disconnect d -> DisconnectEncoder.encodedSize(d, version);
            case Auth a -> AuthEncoder.encodedSize(a, version);
        };
    }
}
