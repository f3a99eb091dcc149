package io.bastionmq.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One packet as read off the wire: the fixed header split into type and flags, and the bytes that
 * the Remaining Length covered. The helpers read fields straight from the spec's layouts; they
 * check only that the bytes are there, so that a test sees exactly what the broker sent.
 *
 * @param type  high nibble of the first byte ({@link PacketType})
 * @param flags low nibble of the first byte
 * @param body  variable header and payload; copied in and out, so the record stays immutable
 */
public record RawPacket(int type, int flags, byte[] body) {

    public RawPacket {
        if (type < 0 || type > 15 || flags < 0 || flags > 15) {
            throw new IllegalArgumentException("type and flags are nibbles: " + type + ", " + flags);
        }
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public String typeName() {
        return PacketType.name(type);
    }

    /** The whole packet as it was on the wire, fixed header included. */
    public byte[] bytes() {
        return Packets.packet(type << 4 | flags, body);
    }

    /** The whole packet in hex, as {@link Hex#format} writes it. */
    public String hex() {
        return Hex.format(bytes());
    }

    /** The first two body bytes, where PUBLISH (QoS &gt; 0), the acks, SUBACK and UNSUBACK keep it. */
    public int packetId() {
        if (type == PacketType.PUBLISH) {
            // MQTT-2.3.1: in PUBLISH the packet identifier follows the topic name, and only for QoS > 0.
            if (((flags >> 1) & 0x03) == 0) {
                throw new IllegalStateException("a QoS 0 PUBLISH has no packet identifier: " + hex());
            }
            require(2, "a topic length");
            int offset = 2 + u16(0);
            require(offset + 2, "a packet identifier after the topic");
            return u16(offset);
        }
        require(2, "a packet identifier");
        return u16(0);
    }

    /**
     * The MQTT 5 reason code. CONNACK: byte 2 of the variable header (3.2.2.2). PUBACK, PUBREC,
     * PUBREL, PUBCOMP: the byte after the packet id, 0x00 when the remaining length is 2
     * (3.4.2.1). DISCONNECT and AUTH: the first byte, 0x00 when the remaining length is 0
     * (3.14.2.1, 3.15.2.1). SUBACK and UNSUBACK carry one code per filter: read {@link #body()}.
     */
    public int reasonCode() {
        return switch (type) {
            case PacketType.CONNACK -> connackReturnCode();
            case PacketType.PUBACK, PacketType.PUBREC, PacketType.PUBREL, PacketType.PUBCOMP -> {
                require(2, "a packet identifier");
                yield body.length == 2 ? 0x00 : u8(2);
            }
            case PacketType.DISCONNECT, PacketType.AUTH -> body.length == 0 ? 0x00 : u8(0);
            default -> throw new IllegalStateException(typeName() + " has no single reason code: " + hex());
        };
    }

    /** CONNACK's second variable-header byte: the 3.1.1 return code, or the MQTT 5 reason code. */
    public int connackReturnCode() {
        requireType(PacketType.CONNACK);
        require(2, "the acknowledge flags and the return code");
        return u8(1);
    }

    /** CONNACK Session Present, bit 0 of the acknowledge flags (3.2.2.2). */
    public boolean sessionPresent() {
        requireType(PacketType.CONNACK);
        require(1, "the acknowledge flags");
        return (u8(0) & 0x01) != 0;
    }

    public int qos() {
        requireType(PacketType.PUBLISH);
        return flags >> 1 & 0x03;
    }

    public boolean retain() {
        requireType(PacketType.PUBLISH);
        return (flags & 0x01) != 0;
    }

    public boolean dup() {
        requireType(PacketType.PUBLISH);
        return (flags & 0x08) != 0;
    }

    /** PUBLISH Topic Name, the first field of the variable header in both versions (3.3.2.1). */
    public String topic() {
        requireType(PacketType.PUBLISH);
        require(2, "the topic length");
        int length = u16(0);
        require(2 + length, "the topic name");
        return new String(body, 2, length, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawPacket that
                && type == that.type && flags == that.flags && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return (type * 31 + flags) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return typeName() + " [" + hex() + "]";
    }

    private int u8(int index) {
        return body[index] & 0xff;
    }

    private int u16(int index) {
        return u8(index) << 8 | u8(index + 1);
    }

    private void require(int length, String what) {
        if (body.length < length) {
            throw new IllegalStateException(typeName() + " too short for " + what + ": " + hex());
        }
    }

    private void requireType(int expected) {
        if (type != expected) {
            throw new IllegalStateException("not a " + PacketType.name(expected) + ": " + this);
        }
    }
}
