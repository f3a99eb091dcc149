package io.bastionmq.it.publish;

import static io.bastionmq.it.publish.Raw.NO_PROPERTIES;
import static io.bastionmq.it.publish.Raw.expectAck;
import static io.bastionmq.it.publish.Raw.messageExpiry;
import static io.bastionmq.it.publish.Raw.props;
import static io.bastionmq.it.publish.Raw.publish5;
import static io.bastionmq.it.publish.Raw.topicAliasMaximum;
import static io.bastionmq.testkit.Packets.property;
import static io.bastionmq.testkit.Packets.utf8;
import static io.bastionmq.testkit.Packets.vbi;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One message to many subscribers of different protocol levels, QoS and per-connection options.
 * The broker encodes a message once per shape on each event loop and shares the bytes between the
 * subscribers there, patching the packet identifier; each subscriber must still get exactly its
 * own PUBLISH (MQTT5 3.3).
 *
 * <p>The broker runs one event loop per core and spreads connections over them, so each test uses
 * one subscriber more than there are loops for each shape: at least two of them share a loop (and
 * so a cached encoding), and each has a different next packet id.
 */
class PublishFanOutIT {
    private static final int USER_PROPERTY = 0x26;
    /** Pigeonhole: more subscribers per shape than the broker (same JVM) has event loops. */
    private static final int PER_SHAPE = Math.min(Runtime.getRuntime().availableProcessors(), 16) + 1;

    @Test
    @DisplayName("each subscriber gets its own packet id, QoS, properties and topic alias from one message (MQTT5 3.3.2)")
    void everySubscriberGetsItsOwnPublish() {
        List<RawClient> all = new ArrayList<>();
        try (TestBroker broker = TestBroker.start(); RawClient pub = Raw.connect5(broker, "pub")) {
            List<RawClient> v3 = new ArrayList<>();
            List<RawClient> v5 = new ArrayList<>();
            subscribePerShape(broker, all, "fan/#", 1, v3, v5);
            RawClient v3q0 = track(all, Raw.connect311(broker, "v3q0"));
            Raw.subscribe311(v3q0, "fan/#", 0);
            RawClient v5id = track(all, Raw.connect5(broker, "v5id"));
            v5id.send(Packets.subscribe5(1, "fan/#", 1, property(0x0B, vbi(9)))).expect(PacketType.SUBACK);
            RawClient v5alias = track(all, Raw.connect5(broker, "v5alias", topicAliasMaximum(4)));
            Raw.subscribe5(v5alias, "fan/#", 1);
            int pubId = holdUnacknowledged(pub, v3, v5);

            byte[] userProperty = property(USER_PROPERTY, Packets.concat(utf8("k"), utf8("v")));
            pub.send(publish5("fan/1", 1, false, pubId, props(messageExpiry(100), userProperty), "hello"));
            expectAck(pub, PacketType.PUBACK, pubId, 0x00);

            for (int i = 0; i < PER_SHAPE; i++) {
                assertV311(v3.get(i).expect(PacketType.PUBLISH), 1, i + 1, "hello");
            }
            assertV311(v3q0.expect(PacketType.PUBLISH), 0, 0, "hello");
            List<RawClient> v5all = new ArrayList<>(v5);
            v5all.add(v5id);
            v5all.add(v5alias);
            for (RawClient c : v5all) {
                Mqtt5Publish p = Raw.nextPublish(c);
                assertThat(p.qos()).isEqualTo(1);
                assertThat(p.dup()).isFalse();
                assertThat(p.payloadText()).isEqualTo("hello");
                assertThat(p.packetId()).isEqualTo(v5.contains(c) ? v5.indexOf(c) + 1 : 1);
                assertThat((Long) p.property(Mqtt5Publish.MESSAGE_EXPIRY_INTERVAL)).isBetween(98L, 100L); // MQTT-3.3.2-6
                assertThat(p.properties().get(USER_PROPERTY)).hasSize(1);
                if (c == v5id) {
                    assertThat(p.properties().get(Mqtt5Publish.SUBSCRIPTION_IDENTIFIER)).containsExactly(9); // MQTT-3.3.4-3
                } else {
                    assertThat(p.properties()).doesNotContainKey(Mqtt5Publish.SUBSCRIPTION_IDENTIFIER);
                }
                if (c == v5alias) {
                    assertThat(p.property(Mqtt5Publish.TOPIC_ALIAS)).isEqualTo(1); // MQTT5 3.3.2.3.4
                } else {
                    assertThat(p.properties()).doesNotContainKey(Mqtt5Publish.TOPIC_ALIAS);
                }
                assertThat(p.topic()).isEqualTo("fan/1");
            }
        } finally {
            all.forEach(RawClient::close);
        }
    }

    @Test
    @DisplayName("large QoS 2 messages shared between subscribers arrive whole, each with its own id (MQTT5 4.3.3)")
    void largeMessagesArriveWholeWithTheirOwnIds() {
        List<RawClient> all = new ArrayList<>();
        try (TestBroker broker = TestBroker.start(); RawClient pub = Raw.connect5(broker, "pub")) {
            List<RawClient> v3 = new ArrayList<>();
            List<RawClient> v5 = new ArrayList<>();
            subscribePerShape(broker, all, "big/#", 2, v3, v5);
            int pubId = holdUnacknowledged(pub, v3, v5);

            // 5,000 bytes: one shared body with a per-subscriber id; 100,000 bytes: too large to
            // keep, encoded per subscriber. Both must arrive byte for byte.
            int round = 0;
            for (int size : new int[] {5_000, 100_000}) {
                byte[] payload = new byte[size];
                for (int i = 0; i < size; i++) {
                    payload[i] = (byte) (i * 31 + size);
                }
                pub.send(Packets.publish5("big/" + size, 2, false, pubId, NO_PROPERTIES, payload));
                expectAck(pub, PacketType.PUBREC, pubId, 0x00);
                pub.send(Packets.pubrel(pubId));
                expectAck(pub, PacketType.PUBCOMP, pubId, 0x00);
                pubId++;

                for (int i = 0; i < PER_SHAPE; i++) {
                    int expectedId = i + 1 + round;
                    RawPacket p3 = v3.get(i).expect(PacketType.PUBLISH);
                    assertThat(p3.qos()).isEqualTo(2);
                    assertThat(p3.packetId()).isEqualTo(expectedId);
                    assertThat(v311Payload(p3)).isEqualTo(payload);
                    Mqtt5Publish p5 = Raw.nextPublish(v5.get(i));
                    assertThat(p5.packetId()).isEqualTo(expectedId);
                    assertThat(p5.payload()).isEqualTo(payload);
                    // the QoS 2 exchange completes against each subscriber's own id (MQTT5 4.3.3)
                    for (RawClient s : List.of(v3.get(i), v5.get(i))) {
                        s.send(Packets.pubrec(expectedId));
                        expectAck(s, PacketType.PUBREL, expectedId, 0x00);
                    }
                }
                round++;
            }
        } finally {
            all.forEach(RawClient::close);
        }
    }

    /** {@link #PER_SHAPE} 3.1.1 and as many MQTT 5 subscribers of {@code filter}, added to {@code v3} and {@code v5}. */
    private static void subscribePerShape(TestBroker broker, List<RawClient> all, String filter, int qos,
                                          List<RawClient> v3, List<RawClient> v5) {
        for (int i = 0; i < PER_SHAPE; i++) {
            v3.add(track(all, Raw.connect311(broker, "v3-" + i)));
            Raw.subscribe311(v3.get(i), filter, qos);
            v5.add(track(all, Raw.connect5(broker, "v5-" + i)));
            Raw.subscribe5(v5.get(i), filter, qos);
        }
    }

    /**
     * Gives subscriber i of each list i QoS 1 messages it does not acknowledge, so that its next
     * packet id is i + 1. Returns the publisher's next packet id.
     */
    private static int holdUnacknowledged(RawClient pub, List<RawClient> v3, List<RawClient> v5) {
        int pubId = 1;
        for (int i = 1; i < PER_SHAPE; i++) {
            Raw.subscribe311(v3.get(i), "warm/" + i, 1);
            Raw.subscribe5(v5.get(i), "warm/" + i, 1);
            for (int n = 1; n <= i; n++) {
                pub.send(publish5("warm/" + i, 1, false, pubId, NO_PROPERTIES, "w"));
                expectAck(pub, PacketType.PUBACK, pubId, 0x00);
                pubId++;
                assertThat(v3.get(i).expect(PacketType.PUBLISH).packetId()).isEqualTo(n);
                assertThat(v5.get(i).expect(PacketType.PUBLISH).packetId()).isEqualTo(n);
            }
        }
        return pubId;
    }

    private static RawClient track(List<RawClient> all, RawClient c) {
        all.add(c);
        return c;
    }

    private static void assertV311(RawPacket p, int qos, int packetId, String payload) {
        assertThat(p.qos()).isEqualTo(qos);
        assertThat(p.dup()).isFalse();
        WireReader r = new WireReader(p.body());
        assertThat(r.string()).isEqualTo("fan/1");
        if (qos > 0) {
            assertThat(r.u16()).isEqualTo(packetId);
        }
        // 3.1.1 has no properties: the payload follows at once
        assertThat(new String(r.rest(), StandardCharsets.UTF_8)).isEqualTo(payload);
    }

    private static byte[] v311Payload(RawPacket p) {
        byte[] body = p.body();
        int topicLength = (body[0] & 0xff) << 8 | body[1] & 0xff;
        return Arrays.copyOfRange(body, 2 + topicLength + 2, body.length);
    }
}
