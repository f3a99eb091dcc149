package io.bastionmq.codec.wire;

import io.bastionmq.codec.packet.PacketType;

/**
 * The fixed header of a control packet (MQTT5 2.1.1):
 *
 * <pre>
 *   byte 1:    | type (4 bits) | flags (4 bits) |
 *   bytes 2-5: remaining length, a Variable Byte Integer (1..4 bytes)
 * </pre>
 *
 * @param headerLength 2..5: the bytes the fixed header itself takes
 */
public record FixedHeader(PacketType type, int flags, int remainingLength, int headerLength) {
    /** The whole packet's size on the wire, which the maximum packet size limits (MQTT5 3.1.2.11.4). */
    public int packetSize() {
        return headerLength + remainingLength;
    }
}
