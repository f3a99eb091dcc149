package io.bastionmq.it.publish;

import static io.bastionmq.testkit.Packets.concat;
import static io.bastionmq.testkit.Packets.property;
import static io.bastionmq.testkit.Packets.u16;
import static io.bastionmq.testkit.Packets.u32;

import io.bastionmq.it.support.TestBroker;
import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.Packets;
import io.bastionmq.testkit.RawClient;
import io.bastionmq.testkit.RawPacket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Short-hands for byte-level clients of this package: connect, subscribe, publish, check. */
final class Raw {
    static final byte[] NO_PROPERTIES = new byte[0];

    private Raw() {}

    /** An MQTT 5 client, connected with clean start and the given CONNECT properties; CONNACK 0x00 checked. */
    static RawClient connect5(TestBroker broker, String clientId, byte[] connectProperties) {
        return connect5(broker, clientId, true, connectProperties);
    }

    static RawClient connect5(TestBroker broker, String clientId, boolean cleanStart, byte[] connectProperties) {
        RawClient c = RawClient.connect("127.0.0.1", broker.port());
        c.send(Packets.connect5(clientId, cleanStart, 60, connectProperties)).expectConnAck(0x00);
        return c;
    }

    static RawClient connect5(TestBroker broker, String clientId) {
        return connect5(broker, clientId, NO_PROPERTIES);
    }

    static RawClient connect311(TestBroker broker, String clientId) {
        RawClient c = RawClient.connect("127.0.0.1", broker.port());
        c.send(Packets.connect311(clientId, true, 60)).expectConnAck(0x00);
        return c;
    }

    /** SUBSCRIBE one filter (options byte as in MQTT5 3.8.3.1) and check the SUBACK grants {@code expectedReason}. */
    static void subscribe5(RawClient c, String filter, int options, int expectedReason) {
        c.send(Packets.subscribe5(1, filter, options, NO_PROPERTIES));
        RawPacket suback = c.expect(PacketType.SUBACK);
        byte[] body = suback.body();
        // packet id (2) | property length (vbi, 0 here unless a reason string) | reason codes
        int reason = body[body.length - 1] & 0xff;
        if (suback.packetId() != 1 || reason != expectedReason) {
            throw new AssertionError("expected SUBACK granting 0x" + Integer.toHexString(expectedReason) + " but got " + suback);
        }
    }

    static void subscribe5(RawClient c, String filter, int qos) {
        subscribe5(c, filter, qos, qos);
    }

    static void subscribe311(RawClient c, String filter, int qos) {
        c.send(Packets.subscribe311(1, filter, qos));
        RawPacket suback = c.expect(PacketType.SUBACK);
        if (!Arrays.equals(suback.body(), new byte[] {0, 1, (byte) qos})) {
            throw new AssertionError("expected SUBACK granting QoS " + qos + " but got " + suback);
        }
    }

    /** PUBLISH in the MQTT 5 form. */
    static byte[] publish5(String topic, int qos, boolean retain, int packetId, byte[] props, String payload) {
        return Packets.publish5(topic, qos, retain, packetId, props, utf8(payload));
    }

    /** Sets DUP (bit 3 of the first byte, MQTT5 3.3.1.1) on an encoded PUBLISH. */
    static byte[] withDup(byte[] publish) {
        byte[] copy = publish.clone();
        copy[0] |= 0x08;
        return copy;
    }

    /** Reads the next packet and parses it as an MQTT 5 PUBLISH. */
    static Mqtt5Publish nextPublish(RawClient c) {
        return Mqtt5Publish.parse(c.expect(PacketType.PUBLISH));
    }

    /** A QoS acknowledgement (PUBACK, PUBREC, PUBREL, PUBCOMP): type, id and reason checked. */
    static RawPacket expectAck(RawClient c, int type, int packetId, int reason) {
        RawPacket ack = c.expect(type);
        if (ack.packetId() != packetId || ack.reasonCode() != reason) {
            throw new AssertionError("expected " + PacketType.name(type) + " id " + packetId + " reason 0x"
                    + Integer.toHexString(reason) + " but got " + ack);
        }
        return ack;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] topicAliasMaximum(int max) {
        return property(0x22, u16(max));
    }

    static byte[] receiveMaximum(int max) {
        return property(0x21, u16(max));
    }

    static byte[] maximumPacketSize(long max) {
        return property(0x27, u32(max));
    }

    static byte[] sessionExpiry(long seconds) {
        return property(0x11, u32(seconds));
    }

    static byte[] topicAlias(int alias) {
        return property(0x23, u16(alias));
    }

    static byte[] messageExpiry(long seconds) {
        return property(0x02, u32(seconds));
    }

    static byte[] props(byte[]... parts) {
        return concat(parts);
    }
}
