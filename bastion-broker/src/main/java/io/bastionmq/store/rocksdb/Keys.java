package io.bastionmq.store.rocksdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Key layouts. Keys under one client share the prefix {@code clientId 0x00}:
 *
 * <pre>
 * sessions       clientId (UTF-8)
 * queue          clientId (UTF-8) | 0x00 | seq (8 bytes, big-endian)
 * inbound_qos2   clientId (UTF-8) | 0x00 | packetId (2 bytes, big-endian)
 * retained       topic (UTF-8)
 * </pre>
 *
 * The 0x00 separator is safe because a client id is an MQTT UTF-8 string, which must not contain
 * U+0000 (MQTT5 1.5.4, [MQTT-1.5.4-2]), and UTF-8 encodes no other character with a 0x00 byte. So
 * the keys of client "dev" all lie in [{@code dev 0x00}, {@code dev 0x01}), and none of client
 * "dev1" ({@code dev 0x31 …}) does. Big-endian numbers sort bytewise in numeric order, which is
 * what makes a prefix scan return the queue in seq order; seq must therefore be non-negative.
 */
final class Keys {
    private Keys() {}

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code clientId 0x00}: the first key of the client's range. */
    static byte[] clientPrefix(String clientId) {
        byte[] id = utf8(clientId);
        for (byte b : id) {
            if (b == 0) {
                throw new IllegalArgumentException("client id contains U+0000, which MQTT forbids [MQTT-1.5.4-2]");
            }
        }
        return Arrays.copyOf(id, id.length + 1);
    }

    /** {@code clientId 0x01}: the exclusive end of the client's range. */
    static byte[] clientPrefixEnd(byte[] prefix) {
        byte[] end = prefix.clone();
        end[end.length - 1] = 0x01;
        return end;
    }

    static byte[] queue(String clientId, long seq) {
        if (seq < 0) {
            throw new IllegalArgumentException("queue seq must be non-negative, got " + seq);
        }
        byte[] prefix = clientPrefix(clientId);
        return ByteBuffer.allocate(prefix.length + Long.BYTES).put(prefix).putLong(seq).array();
    }

    static byte[] inboundQos2(String clientId, int packetId) {
        // MQTT5 2.2.1: packet identifiers are 1..65535.
        if (packetId < 1 || packetId > 0xFFFF) {
            throw new IllegalArgumentException("packet id out of range 1..65535: " + packetId);
        }
        byte[] prefix = clientPrefix(clientId);
        return ByteBuffer.allocate(prefix.length + Short.BYTES).put(prefix).putShort((short) packetId).array();
    }

    /** The packet id at the end of an inbound_qos2 key. */
    static int packetIdOf(byte[] key) {
        return (key[key.length - 2] & 0xFF) << 8 | key[key.length - 1] & 0xFF;
    }
}
