package io.bastionmq.it.publish;

import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.RawPacket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An MQTT 5 PUBLISH as read off the wire by {@link io.bastionmq.testkit.RawClient}, split into its
 * fields by the layout of MQTT5 3.3.2 and the property types of MQTT5 2.2.2.2 (Table 2-4), written
 * here from the specification and independent of the broker's codec.
 *
 * <pre>
 *   topic (utf8) | [packet id u16 if QoS &gt; 0] | properties (vbi length, then id/value pairs) | payload
 * </pre>
 *
 * @param properties property identifier → values in the order received (most appear once; User
 *                   Property (0x26) values are {@code "name=value"}; Subscription Identifier
 *                   (0x0B) may repeat)
 */
record Mqtt5Publish(String topic, int qos, boolean retain, boolean dup, int packetId,
                    Map<Integer, List<Object>> properties, byte[] payload) {

    static final int PAYLOAD_FORMAT_INDICATOR = 0x01;
    static final int MESSAGE_EXPIRY_INTERVAL = 0x02;
    static final int CONTENT_TYPE = 0x03;
    static final int RESPONSE_TOPIC = 0x08;
    static final int CORRELATION_DATA = 0x09;
    static final int SUBSCRIPTION_IDENTIFIER = 0x0B;
    static final int TOPIC_ALIAS = 0x23;
    static final int USER_PROPERTY = 0x26;

    static Mqtt5Publish parse(RawPacket packet) {
        if (packet.type() != PacketType.PUBLISH) {
            throw new AssertionError("expected PUBLISH but received " + packet);
        }
        byte[] b = packet.body();
        Reader r = new Reader(b, 0);
        String topic = r.utf8();
        int qos = packet.qos();
        int packetId = qos > 0 ? r.u16() : 0;
        Map<Integer, List<Object>> props = properties(r);
        byte[] payload = new byte[b.length - r.pos];
        System.arraycopy(b, r.pos, payload, 0, payload.length);
        return new Mqtt5Publish(topic, qos, packet.retain(), packet.dup(), packetId, props, payload);
    }

    /**
     * The property list of a packet whose properties start at {@code offset} of the body (for
     * CONNACK: 2, after the acknowledge flags and the reason code).
     */
    static Map<Integer, List<Object>> properties(RawPacket packet, int offset) {
        byte[] b = packet.body();
        if (b.length <= offset) {
            return Map.of();
        }
        return properties(new Reader(b, offset));
    }

    String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The single value of a property, or null when absent. */
    Object property(int id) {
        List<Object> values = properties.get(id);
        if (values == null) {
            return null;
        }
        if (values.size() != 1) {
            throw new AssertionError("property 0x" + Integer.toHexString(id) + " appears " + values.size() + " times");
        }
        return values.get(0);
    }

    private static Map<Integer, List<Object>> properties(Reader r) {
        int length = r.vbi();
        int end = r.pos + length;
        Map<Integer, List<Object>> props = new LinkedHashMap<>();
        while (r.pos < end) {
            int id = r.vbi();
            Object value = switch (id) {
                case 0x01, 0x17, 0x19, 0x24, 0x25, 0x28, 0x29, 0x2A -> r.u8();
                case 0x13, 0x21, 0x22, 0x23 -> r.u16();
                case 0x02, 0x11, 0x18, 0x27 -> r.u32();
                case 0x0B -> r.vbi();
                case 0x03, 0x08, 0x12, 0x15, 0x1A, 0x1C, 0x1F -> r.utf8();
                case 0x09, 0x16 -> r.binary();
                case 0x26 -> r.utf8() + "=" + r.utf8();
                default -> throw new AssertionError("unknown property identifier 0x" + Integer.toHexString(id));
            };
            props.computeIfAbsent(id, k -> new ArrayList<>()).add(value);
        }
        if (r.pos != end) {
            throw new AssertionError("property length " + length + " does not end on a property boundary");
        }
        return props;
    }

    private static final class Reader {
        final byte[] b;
        int pos;

        Reader(byte[] b, int pos) {
            this.b = b;
            this.pos = pos;
        }

        int u8() {
            return b[pos++] & 0xff;
        }

        int u16() {
            return u8() << 8 | u8();
        }

        long u32() {
            return (long) u16() << 16 | u16();
        }

        int vbi() {
            int value = 0;
            for (int shift = 0; shift < 28; shift += 7) {
                int digit = u8();
                value |= (digit & 0x7f) << shift;
                if ((digit & 0x80) == 0) {
                    return value;
                }
            }
            throw new AssertionError("malformed variable byte integer");
        }

        String utf8() {
            return new String(binary(), StandardCharsets.UTF_8);
        }

        byte[] binary() {
            int n = u16();
            byte[] out = new byte[n];
            System.arraycopy(b, pos, out, 0, n);
            pos += n;
            return out;
        }
    }
}
