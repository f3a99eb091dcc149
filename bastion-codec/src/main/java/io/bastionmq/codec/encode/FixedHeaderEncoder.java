package io.bastionmq.codec.encode;

import io.bastionmq.codec.packet.PacketType;
import io.bastionmq.codec.wire.VariableByteInteger;
import io.netty.buffer.ByteBuf;

/**
 * Writes the fixed header (MQTT5 2.1.1):
 *
 * <pre>
 *   byte 1:    | type (4 bits) | flags (4 bits) |
 *   bytes 2-5: remaining length, a Variable Byte Integer (1..4 bytes)
 * </pre>
 */
final class FixedHeaderEncoder {
    private FixedHeaderEncoder() {}

    /**
     * The first byte of every type but PUBLISH: the flags are fixed by MQTT5 2.1.3 Table 2-2
     * (0b0010 for PUBREL, SUBSCRIBE, UNSUBSCRIBE: MQTT-3.6.1-1, MQTT-3.8.1-1, MQTT-3.10.1-1),
     * and the contract's {@link PacketType#requiredFlags()} is that table.
     */
    static int firstByte(PacketType type) {
        return type.value() << 4 | type.requiredFlags();
    }

    /**
     * Narrows a remaining length summed in a {@code long} (a payload near 2 GiB plus headers would
     * overflow an int) after checking it fits the four-byte Variable Byte Integer (MQTT5 2.1.4).
     */
    static int remainingLength(long remaining) {
        if (remaining > VariableByteInteger.MAX_VALUE) {
            throw new IllegalArgumentException("remaining length " + remaining + " exceeds 268,435,455 (MQTT5 2.1.4)");
        }
        return (int) remaining;
    }

    /** The whole packet: first byte, the remaining length's own bytes, then the rest. */
    static int packetSize(int remainingLength) {
        return 1 + VariableByteInteger.size(remainingLength) + remainingLength;
    }

    /** Writes the header and returns the size of the whole packet it announces. */
    static int write(ByteBuf out, int firstByte, int remainingLength) {
        out.writeByte(firstByte);
        VariableByteInteger.write(out, remainingLength);
        return packetSize(remainingLength);
    }
}
