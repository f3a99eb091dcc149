package io.bastionmq.codec.encode;

import io.bastionmq.codec.packet.Payload;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * Writes the length-prefixed data representations of MQTT5 1.5 (MQTT-1.5 in 3.1.1):
 *
 * <pre>
 *   UTF-8 Encoded String (1.5.4):  | length MSB | length LSB | UTF-8 bytes ... |
 *   Binary Data (1.5.6):           | length MSB | length LSB | bytes ...       |
 * </pre>
 *
 * Sizes are computed (and strings validated) before anything is written, so an encoder never
 * leaves half a packet in the buffer.
 */
final class DataTypes {
    static final int MAX_TWO_BYTE = 0xFFFF;

    private DataTypes() {}

    /** The bytes a UTF-8 Encoded String field takes: two length bytes plus the UTF-8 bytes. */
    static int utf8Size(String s) {
        return 2 + utf8Length(s);
    }

    /**
     * The UTF-8 length of {@code s}, checked against the rules the receiver enforces: no U+0000
     * (MQTT-1.5.4-2), no surrogate code points (MQTT-1.5.4-1; a lone UTF-16 surrogate has no UTF-8
     * encoding, and Netty or String.getBytes would silently write '?'), at most 65,535 bytes.
     */
    static int utf8Length(String s) {
        int chars = s.length();
        if (chars > MAX_TWO_BYTE) {
            throw new IllegalArgumentException("string longer than 65,535 bytes (MQTT5 1.5.4): " + chars + " chars");
        }
        int bytes = chars; // one per char, plus the extra bytes counted below
        for (int i = 0; i < chars; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c == 0) {
                    throw new IllegalArgumentException("string contains U+0000 (MQTT-1.5.4-2)");
                }
            } else if (c < 0x800) {
                bytes += 1;
            } else if (!Character.isSurrogate(c)) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 2; // two chars, four bytes
                i++;
            } else {
                throw new IllegalArgumentException("string contains an unpaired surrogate at index " + i + " (MQTT-1.5.4-1)");
            }
        }
        if (bytes > MAX_TWO_BYTE) {
            throw new IllegalArgumentException("string longer than 65,535 bytes (MQTT5 1.5.4): " + bytes + " bytes");
        }
        return bytes;
    }

    /** Writes a string already measured (and so validated) by {@link #utf8Length}. */
    static void writeUtf8(ByteBuf out, String s, int utf8Length) {
        out.writeShort(utf8Length);
        // Reserve exactly the measured length: writeUtf8 would reserve 3 bytes per char, which
        // fails on a buffer whose max capacity is the exact packet size.
        ByteBufUtil.reserveAndWriteUtf8(out, s, utf8Length);
    }

    static void writeUtf8(ByteBuf out, String s) {
        writeUtf8(out, s, utf8Length(s));
    }

    /** The bytes a Binary Data field takes (MQTT5 1.5.6): two length bytes plus the data. */
    static int binarySize(Payload data) {
        if (data.size() > MAX_TWO_BYTE) {
            throw new IllegalArgumentException("binary data longer than 65,535 bytes (MQTT5 1.5.6): " + data.size());
        }
        return 2 + data.size();
    }

    static void writeBinary(ByteBuf out, Payload data) {
        out.writeShort(data.size());
        data.writeTo(out);
    }

    /** A Packet Identifier is a non-zero Two Byte Integer (MQTT5 2.2.1, MQTT-2.3.1-1 in 3.1.1). */
    static void checkPacketId(int packetId) {
        if (packetId < 1 || packetId > MAX_TWO_BYTE) {
            throw new IllegalArgumentException("packet identifier must be 1..65535 (MQTT5 2.2.1): " + packetId);
        }
    }
}
