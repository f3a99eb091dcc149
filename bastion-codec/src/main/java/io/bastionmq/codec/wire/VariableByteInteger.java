package io.bastionmq.codec.wire;

import io.bastionmq.codec.reason.ProtocolViolation;
import io.bastionmq.codec.reason.DisconnectReason;
import io.netty.buffer.ByteBuf;

/**
 * Variable Byte Integer (MQTT5 1.5.5, MQTT-1.5.5-1): seven bits per byte, least significant group
 * first, high bit set on every byte but the last; at most four bytes, so at most 268,435,455.
 *
 * <pre>
 *   byte:  | C | 7 value bits |   C = 1: another byte follows
 *   127 = 0x7F   128 = 0x80 0x01   16,383 = 0xFF 0x7F   268,435,455 = 0xFF 0xFF 0xFF 0x7F
 * </pre>
 */
public final class VariableByteInteger {
    public static final int MAX_VALUE = 268_435_455;

    /** Returned by {@link #tryRead} when the buffer ends before the last byte. */
    public static final int INCOMPLETE = -1;

    private VariableByteInteger() {}

    /** Number of bytes the encoding of {@code value} takes (1..4). */
    public static int size(int value) {
        if (value < 0 || value > MAX_VALUE) {
            throw new IllegalArgumentException("variable byte integer out of range: " + value);
        }
        return value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;
    }

    public static void write(ByteBuf out, int value) {
        if (value < 0 || value > MAX_VALUE) {
            throw new IllegalArgumentException("variable byte integer out of range: " + value);
        }
        do {
            int digit = value & 0x7F;
            value >>>= 7;
            out.writeByte(value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
    }

    /**
     * Reads a value that must be complete in {@code in} (inside a packet body): a fifth byte, or a
     * buffer that ends early, is a malformed packet.
     */
    public static int read(ByteBuf in, String what) {
        int value = tryRead(in);
        if (value == INCOMPLETE) {
            throw new ProtocolViolation(DisconnectReason.MALFORMED_PACKET, "MQTT5 1.5.5", what + ": variable byte integer runs past the end of the packet");
        }
        return value;
    }

    /**
     * Reads a value at the reader index, advancing it; returns {@link #INCOMPLETE} (reader index
     * unchanged) when more bytes are needed. A continuation bit on the fourth byte is malformed
     * (MQTT-1.5.5-1). Non-minimal encodings (0x80 0x00) are accepted: the specification's
     * decoding algorithm accepts them and does not forbid them.
     */
    public static int tryRead(ByteBuf in) {
        int start = in.readerIndex();
        int value = 0;
        for (int i = 0; i < 4; i++) {
            if (!in.isReadable()) {
                in.readerIndex(start);
                return INCOMPLETE;
            }
            int b = in.readUnsignedByte();
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new ProtocolViolation(DisconnectReason.MALFORMED_PACKET, "MQTT-1.5.5-1", "variable byte integer longer than four bytes");
    }
}
