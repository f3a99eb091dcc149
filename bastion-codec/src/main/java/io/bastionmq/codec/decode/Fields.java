package io.bastionmq.codec.decode;

import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Payload;
import io.bastionmq.codec.wire.StrictUtf8;
import io.netty.buffer.ByteBuf;

/**
 * Reads the MQTT data representations (MQTT5 1.5) from a packet body. Every read checks the bytes
 * left first: a field that runs past the end of its packet is malformed (MQTT5 1.5, 4.13), and no
 * {@code IndexOutOfBoundsException} ever escapes the codec.
 */
final class Fields {
    private Fields() {}

    static int readByte(ByteBuf in, String what) {
        require(in, 1, what);
        return in.readUnsignedByte();
    }

    /** Two Byte Integer, big-endian (MQTT5 1.5.2). */
    static int readShort(ByteBuf in, String what) {
        require(in, 2, what);
        return in.readUnsignedShort();
    }

    /** Four Byte Integer, big-endian, unsigned (MQTT5 1.5.3). */
    static long readInt(ByteBuf in, String what) {
        require(in, 4, what);
        return in.readUnsignedInt();
    }

    /** UTF-8 Encoded String: two-byte length, then strict UTF-8 (MQTT5 1.5.4, MQTT-1.5.3). */
    static String readString(ByteBuf in, String what) {
        int length = readShort(in, what + " length");
        return StrictUtf8.decode(in, length, what);
    }

    /** Binary Data: two-byte length, then the bytes (MQTT5 1.5.6). */
    static Payload readBinary(ByteBuf in, String what) {
        int length = readShort(in, what + " length");
        require(in, length, what);
        return Payload.readFrom(in, length);
    }

    /**
     * A packet identifier, which must be non-zero (MQTT-2.3.1-1 for 3.1.1, MQTT-2.2.1-3 for
     * MQTT 5, where a zero is a protocol error).
     */
    static int readPacketId(ByteBuf in, MqttVersion version) {
        int id = readShort(in, "packet identifier");
        if (id == 0) {
            throw Violations.protocolError(version, version.isV5() ? "MQTT-2.2.1-3" : "MQTT-2.3.1-1", "packet identifier 0");
        }
        return id;
    }

    /** Nothing may follow the last field of a packet (MQTT5 2.1.4: the remaining length is exact). */
    static void requireEnd(ByteBuf in, String packet) {
        if (in.isReadable()) {
            throw Violations.malformed("MQTT5 2.1.4", packet + ": " + in.readableBytes() + " bytes after the last field");
        }
    }

    static void require(ByteBuf in, int bytes, String what) {
        if (in.readableBytes() < bytes) {
            throw Violations.malformed("MQTT5 1.5", what + " runs past the end of the packet");
        }
    }
}
