package io.bastionmq.it.subscribe;

import static io.bastionmq.testkit.Packets.bytes;
import static io.bastionmq.testkit.Packets.concat;
import static io.bastionmq.testkit.Packets.packet;
import static io.bastionmq.testkit.Packets.properties;
import static io.bastionmq.testkit.Packets.property;
import static io.bastionmq.testkit.Packets.u16;
import static io.bastionmq.testkit.Packets.utf8;
import static io.bastionmq.testkit.Packets.vbi;

import io.bastionmq.it.support.TestBroker;
import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.Packets;
import io.bastionmq.testkit.RawClient;
import io.bastionmq.testkit.RawPacket;
import io.bastionmq.testkit.WireReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Byte-level helpers for this package's tests, written from the MQTT 3.1.1 and 5.0 specifications
 * only (never from bastion-codec): SUBSCRIBE/UNSUBSCRIBE with several filters, and readers for
 * SUBACK/UNSUBACK reason codes and for PUBLISH and CONNACK properties.
 */
final class Wire {
    // Property identifiers (MQTT5 2.2.2.2, Table 2-4) used by these tests.
    static final int PAYLOAD_FORMAT_INDICATOR = 0x01;
    static final int MESSAGE_EXPIRY_INTERVAL = 0x02;
    static final int CONTENT_TYPE = 0x03;
    static final int RESPONSE_TOPIC = 0x08;
    static final int CORRELATION_DATA = 0x09;
    static final int SUBSCRIPTION_IDENTIFIER = 0x0b;
    static final int SESSION_EXPIRY_INTERVAL = 0x11;
    static final int RECEIVE_MAXIMUM = 0x21;
    static final int TOPIC_ALIAS = 0x23;
    static final int USER_PROPERTY = 0x26;
    static final int WILDCARD_SUBSCRIPTION_AVAILABLE = 0x28;
    static final int SUBSCRIPTION_IDENTIFIERS_AVAILABLE = 0x29;
    static final int SHARED_SUBSCRIPTION_AVAILABLE = 0x2a;

    // Subscription options byte (MQTT5 3.8.3.1).
    static final int NO_LOCAL = 0x04;
    static final int RETAIN_AS_PUBLISHED = 0x08;
    static final int RETAIN_HANDLING_IF_NEW = 0x10;
    static final int RETAIN_HANDLING_NEVER = 0x20;

    private Wire() {}

    // ---- connecting ---------------------------------------------------------------------------

    static RawClient connect5(TestBroker broker, String clientId) {
        return connect5(broker, clientId, new byte[0]);
    }

    static RawClient connect5(TestBroker broker, String clientId, byte[] connectProperties) {
        RawClient client = RawClient.connect("127.0.0.1", broker.port());
        client.send(Packets.connect5(clientId, true, 60, connectProperties)).expectConnAck(0x00);
        return client;
    }

    static RawClient connect311(TestBroker broker, String clientId) {
        RawClient client = RawClient.connect("127.0.0.1", broker.port());
        client.send(Packets.connect311(clientId, true, 60)).expectConnAck(0x00);
        return client;
    }

    // ---- SUBSCRIBE / UNSUBSCRIBE --------------------------------------------------------------

    /** One entry of a SUBSCRIBE payload: filter and options byte (3.1.1: the requested QoS). */
    record Sub(String filter, int options) {}

    static Sub sub(String filter, int options) {
        return new Sub(filter, options);
    }

    /** MQTT 5 SUBSCRIBE: 82 | rl | packet id | properties | { filter | options } ... (3.8). */
    static byte[] subscribe5(int packetId, byte[] props, Sub... subs) {
        return packet(0x82, u16(packetId), properties(props), payload(subs));
    }

    /** 3.1.1 SUBSCRIBE: 82 | rl | packet id | { filter | requested QoS } ... (3.1.1 3.8). */
    static byte[] subscribe311(int packetId, Sub... subs) {
        return packet(0x82, u16(packetId), payload(subs));
    }

    /** A Subscription Identifier property (MQTT5 3.8.2.1.2), a Variable Byte Integer. */
    static byte[] subscriptionId(int id) {
        return property(SUBSCRIPTION_IDENTIFIER, vbi(id));
    }

    /** UNSUBSCRIBE: A2 | rl | packet id | [v5: properties] | filters (3.10). */
    static byte[] unsubscribe(int packetId, boolean v5, String... filters) {
        byte[][] parts = new byte[filters.length][];
        for (int i = 0; i < filters.length; i++) {
            parts[i] = utf8(filters[i]);
        }
        return packet(0xa2, u16(packetId), v5 ? properties(new byte[0]) : new byte[0], concat(parts));
    }

    /** Subscribes over MQTT 5 and returns the SUBACK reason codes, failing on a wrong packet id. */
    static List<Integer> subscribe5(RawClient client, int packetId, byte[] props, Sub... subs) {
        client.send(subscribe5(packetId, props, subs));
        return subAckCodes(client.expect(PacketType.SUBACK), true, packetId);
    }

    static List<Integer> subscribe311(RawClient client, int packetId, Sub... subs) {
        client.send(subscribe311(packetId, subs));
        return subAckCodes(client.expect(PacketType.SUBACK), false, packetId);
    }

    private static byte[] payload(Sub... subs) {
        byte[][] parts = new byte[subs.length][];
        for (int i = 0; i < subs.length; i++) {
            parts[i] = concat(utf8(subs[i].filter()), bytes(subs[i].options()));
        }
        return concat(parts);
    }

    // ---- reading acknowledgements -------------------------------------------------------------

    /** SUBACK: packet id | [v5: properties] | one code per filter (3.9). */
    static List<Integer> subAckCodes(RawPacket suback, boolean v5, int expectedPacketId) {
        if (suback.type() != PacketType.SUBACK || suback.flags() != 0) {
            throw new AssertionError("expected SUBACK with flags 0 but got " + suback);
        }
        if (suback.packetId() != expectedPacketId) {
            throw new AssertionError("SUBACK for packet id " + suback.packetId() + ", expected " + expectedPacketId);
        }
        return codesAfterHeader(suback, v5);
    }

    /** UNSUBACK (MQTT 5): packet id | properties | one code per filter (3.11). */
    static List<Integer> unsubAckCodes(RawPacket unsuback, int expectedPacketId) {
        if (unsuback.type() != PacketType.UNSUBACK || unsuback.packetId() != expectedPacketId) {
            throw new AssertionError("expected UNSUBACK for packet id " + expectedPacketId + " but got " + unsuback);
        }
        return codesAfterHeader(unsuback, true);
    }

    private static List<Integer> codesAfterHeader(RawPacket p, boolean v5) {
        WireReader r = new WireReader(p.body());
        r.u16();
        if (v5) {
            r.skip(r.vbi());
        }
        List<Integer> codes = new ArrayList<>();
        while (r.remaining() > 0) {
            codes.add(r.u8());
        }
        return codes;
    }

    /** The CONNACK properties (MQTT5 3.2.2.3). */
    static List<WireReader.Property> connAckProperties(RawPacket connack) {
        WireReader r = new WireReader(connack.body());
        r.skip(2);
        return r.properties();
    }

    // ---- reading PUBLISH ----------------------------------------------------------------------

    /** A PUBLISH taken apart (3.3): fixed-header flags, topic, packet id, properties, payload. */
    record Publish(int qos, boolean retain, boolean dup, String topic, int packetId, List<WireReader.Property> properties,
                   byte[] payload) {

        String payloadText() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        List<Object> values(int id) {
            List<Object> out = new ArrayList<>();
            for (WireReader.Property p : properties) {
                if (p.id() == id) {
                    out.add(p.value());
                }
            }
            return out;
        }

        List<Integer> subscriptionIds() {
            List<Integer> out = new ArrayList<>();
            for (Object o : values(SUBSCRIPTION_IDENTIFIER)) {
                out.add((Integer) o);
            }
            return out;
        }

        /** User properties as "name=value", in wire order. */
        List<String> userProperties() {
            List<String> out = new ArrayList<>();
            for (Object o : values(USER_PROPERTY)) {
                String[] pair = (String[]) o;
                out.add(pair[0] + "=" + pair[1]);
            }
            return out;
        }
    }

    static Publish publish(RawPacket p, boolean v5) {
        if (p.type() != PacketType.PUBLISH) {
            throw new AssertionError("expected PUBLISH but got " + p);
        }
        WireReader r = new WireReader(p.body());
        String topic = r.string();
        int packetId = p.qos() > 0 ? r.u16() : 0;
        List<WireReader.Property> props = v5 ? r.properties() : List.of();
        return new Publish(p.qos(), p.retain(), p.dup(), topic, packetId, props, r.rest());
    }

    /** Reads the next packet, which must be a PUBLISH, and takes it apart. */
    static Publish readPublish(RawClient client, boolean v5) {
        return publish(client.expect(PacketType.PUBLISH), v5);
    }
}
