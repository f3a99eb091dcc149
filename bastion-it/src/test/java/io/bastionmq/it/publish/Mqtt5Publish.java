package io.bastionmq.it.publish;

import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.RawPacket;
import io.bastionmq.testkit.WireReader;
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
        WireReader r = new WireReader(b);
        String topic = r.string();
        int qos = packet.qos();
        int packetId = qos > 0 ? r.u16() : 0;
        Map<Integer, List<Object>> props = properties(r);
        return new Mqtt5Publish(topic, qos, packet.retain(), packet.dup(), packetId, props, r.rest());
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
        return properties(new WireReader(b, offset));
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

    private static Map<Integer, List<Object>> properties(WireReader r) {
        Map<Integer, List<Object>> props = new LinkedHashMap<>();
        for (WireReader.Property p : r.properties()) {
            // A User Property reads as "name=value", which keeps assertions on their order short.
            Object value = p.value() instanceof String[] pair ? pair[0] + "=" + pair[1] : p.value();
            props.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(value);
        }
        return props;
    }
}
