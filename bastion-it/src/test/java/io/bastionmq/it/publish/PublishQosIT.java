package io.bastionmq.it.publish;

import static io.bastionmq.it.publish.Raw.NO_PROPERTIES;
import static io.bastionmq.it.publish.Raw.expectAck;
import static io.bastionmq.it.publish.Raw.nextPublish;
import static io.bastionmq.it.publish.Raw.publish5;
import static io.bastionmq.it.publish.Raw.utf8;
import static io.bastionmq.testkit.Packets.bytes;
import static io.bastionmq.testkit.Packets.concat;
import static io.bastionmq.testkit.Packets.property;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.bastionmq.it.publish.Clients.Client;
import io.bastionmq.it.publish.Clients.Kind;
import io.bastionmq.it.support.TestBroker;
import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.Packets;
import io.bastionmq.testkit.RawClient;
import io.bastionmq.testkit.RawPacket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The PUBLISH path at QoS 0, 1 and 2 as third-party clients and a byte-level client observe it. */
class PublishQosIT {
    private static final Duration QUIET = Duration.ofMillis(400);

    static Stream<Arguments> publisherAndSubscriber() {
        return Stream.of(
                Arguments.of(Kind.PAHO_V3, Kind.PAHO_V3), Arguments.of(Kind.PAHO_V5, Kind.PAHO_V5),
                Arguments.of(Kind.HIVEMQ_MQTT3, Kind.HIVEMQ_MQTT3), Arguments.of(Kind.HIVEMQ_MQTT5, Kind.HIVEMQ_MQTT5),
                Arguments.of(Kind.PAHO_V3, Kind.HIVEMQ_MQTT5), Arguments.of(Kind.HIVEMQ_MQTT5, Kind.PAHO_V3),
                Arguments.of(Kind.PAHO_V5, Kind.HIVEMQ_MQTT3));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("publisherAndSubscriber")
    @DisplayName("delivers at QoS 0, 1 and 2 between third-party clients (MQTT5 4.3)")
    void deliversEveryQosBetweenThirdPartyClients(Kind publisher, Kind subscriber) throws Exception {
        try (TestBroker broker = TestBroker.start();
             Client sub = Clients.connect(subscriber, broker, "sub");
             Client pub = Clients.connect(publisher, broker, "pub")) {
            sub.subscribe("qos/#", 2);
            for (int qos = 0; qos <= 2; qos++) {
                pub.publish("qos/" + qos, "m" + qos, qos, false);
                assertThat(sub.poll()).isEqualTo("qos/" + qos + "=m" + qos + "@" + qos);
            }
        }
    }

    @ParameterizedTest(name = "subscribed {0}, published {1}")
    @CsvSource({"0,1", "0,2", "1,2", "1,0", "2,1", "2,0"})
    @DisplayName("delivers at the lesser of the published and the granted QoS (MQTT-3.8.4-8, MQTT5 3.8.4)")
    void downgradesToTheGrantedQos(int subscribedQos, int publishedQos) throws Exception {
        int expected = Math.min(subscribedQos, publishedQos);
        try (TestBroker broker = TestBroker.start();
             RawClient sub5 = Raw.connect5(broker, "sub5");
             RawClient sub3 = Raw.connect311(broker, "sub3");
             Client pub = Clients.connect(Kind.HIVEMQ_MQTT5, broker, "pub")) {
            Raw.subscribe5(sub5, "down/x", subscribedQos);
            Raw.subscribe311(sub3, "down/x", subscribedQos);
            pub.publish("down/x", "payload", publishedQos, false);

            Mqtt5Publish got5 = nextPublish(sub5);
            assertThat(got5.qos()).isEqualTo(expected);
            assertThat(got5.payloadText()).isEqualTo("payload");
            RawPacket got3 = sub3.expect(PacketType.PUBLISH);
            assertThat(got3.qos()).isEqualTo(expected);
            assertThat(got3.topic()).isEqualTo("down/x");
        }
    }

    @Test
    @DisplayName("MQTT 5 PUBACK and PUBREC say 0x10 when no subscription matches (MQTT5 3.4.2.1, 3.5.2.1)")
    void acknowledgesWithNoMatchingSubscribersWhenNobodySubscribed() {
        try (TestBroker broker = TestBroker.start(); RawClient pub = Raw.connect5(broker, "pub")) {
            pub.send(publish5("nobody/here", 1, false, 11, NO_PROPERTIES, "x"));
            expectAck(pub, PacketType.PUBACK, 11, 0x10);
            pub.send(publish5("nobody/here", 2, false, 12, NO_PROPERTIES, "x"));
            expectAck(pub, PacketType.PUBREC, 12, 0x10);
            pub.send(Packets.pubrel(12));
            expectAck(pub, PacketType.PUBCOMP, 12, 0x00);
        }
    }

    @Test
    @DisplayName("MQTT 5 PUBACK says success (0x00) when a subscription matches (MQTT5 3.4.2.1)")
    void acknowledgesWithSuccessWhenASubscriptionMatches() {
        try (TestBroker broker = TestBroker.start();
             RawClient sub = Raw.connect5(broker, "sub");
             RawClient pub = Raw.connect5(broker, "pub")) {
            Raw.subscribe5(sub, "some/one", 0);
            pub.send(publish5("some/one", 1, false, 5, NO_PROPERTIES, "x"));
            expectAck(pub, PacketType.PUBACK, 5, 0x00);
        }
    }

    @Test
    @DisplayName("a 3.1.1 client gets a plain two-byte PUBACK/PUBREC even when nobody subscribed (MQTT-3.4.2, MQTT-4.3.2-4)")
    void acknowledges311PublishWithPlainAckWithoutSubscribers() {
        try (TestBroker broker = TestBroker.start(); RawClient pub = Raw.connect311(broker, "pub")) {
            pub.send(Packets.publish311("nobody/here", 1, false, 3, utf8("x")));
            assertThat(pub.expect(PacketType.PUBACK).hex()).isEqualTo(RawPacketHex.of("40 02 00 03"));
            pub.send(Packets.publish311("nobody/here", 2, false, 4, utf8("x")));
            assertThat(pub.expect(PacketType.PUBREC).hex()).isEqualTo(RawPacketHex.of("50 02 00 04"));
            pub.send(Packets.pubrel(4));
            assertThat(pub.expect(PacketType.PUBCOMP).hex()).isEqualTo(RawPacketHex.of("70 02 00 04"));
        }
    }

    @ParameterizedTest(name = "MQTT {0}")
    @ValueSource(ints = {4, 5})
    @DisplayName("a QoS 2 PUBLISH resent with DUP=1 before PUBREL is acknowledged again and delivered once (MQTT5 4.3.3, MQTT-4.3.3-9)")
    void deliversQos2ResendBeforePubRelExactlyOnce(int level) {
        try (TestBroker broker = TestBroker.start();
             RawClient sub = Raw.connect5(broker, "sub");
             RawClient pub = level == 5 ? Raw.connect5(broker, "pub") : Raw.connect311(broker, "pub")) {
            Raw.subscribe5(sub, "once/#", 0);
            byte[] publish = level == 5
                    ? publish5("once/x", 2, false, 42, NO_PROPERTIES, "only-once")
                    : Packets.publish311("once/x", 2, false, 42, utf8("only-once"));

            pub.send(publish);
            expectAck(pub, PacketType.PUBREC, 42, 0x00);
            assertThat(nextPublish(sub).payloadText()).isEqualTo("only-once");

            pub.send(Raw.withDup(publish));
            expectAck(pub, PacketType.PUBREC, 42, 0x00);
            pub.send(Raw.withDup(publish));
            expectAck(pub, PacketType.PUBREC, 42, 0x00);
            sub.assertNothingReceived(QUIET);

            pub.send(Packets.pubrel(42));
            expectAck(pub, PacketType.PUBCOMP, 42, 0x00);
            sub.assertNothingReceived(QUIET);

            // After PUBCOMP the id is free again: the same id now names a new message (MQTT5 4.3.3, method B).
            pub.send(level == 5 ? publish5("once/x", 2, false, 42, NO_PROPERTIES, "second")
                    : Packets.publish311("once/x", 2, false, 42, utf8("second")));
            expectAck(pub, PacketType.PUBREC, 42, 0x00);
            assertThat(nextPublish(sub).payloadText()).isEqualTo("second");
            pub.send(Packets.pubrel(42));
            expectAck(pub, PacketType.PUBCOMP, 42, 0x00);
        }
    }

    @Test
    @DisplayName("PUBREL for an unknown packet id: MQTT 5 PUBCOMP 0x92, 3.1.1 plain PUBCOMP (MQTT5 3.7.2.1, MQTT-4.3.3-11)")
    void answersPubRelForUnknownIdWithPubComp() {
        try (TestBroker broker = TestBroker.start();
             RawClient v5 = Raw.connect5(broker, "v5");
             RawClient v3 = Raw.connect311(broker, "v3")) {
            v5.send(Packets.pubrel(77));
            expectAck(v5, PacketType.PUBCOMP, 77, 0x92);
            v3.send(Packets.pubrel(78));
            assertThat(v3.expect(PacketType.PUBCOMP).hex()).isEqualTo(RawPacketHex.of("70 02 00 4e"));
        }
    }

    @Test
    @DisplayName("outbound QoS 2: PUBLISH, PUBREC, PUBREL (flags 0010), PUBCOMP, with one packet id (MQTT-4.3.3-1..-4, MQTT-3.6.1-1)")
    void completesOutboundQos2HandshakeWithSubscriber() {
        try (TestBroker broker = TestBroker.start();
             RawClient sub = Raw.connect5(broker, "sub");
             RawClient pub = Raw.connect5(broker, "pub")) {
            Raw.subscribe5(sub, "out/q2", 2);
            pub.send(publish5("out/q2", 2, false, 1, NO_PROPERTIES, "first"));
            expectAck(pub, PacketType.PUBREC, 1, 0x00);
            pub.send(Packets.pubrel(1));
            expectAck(pub, PacketType.PUBCOMP, 1, 0x00);

            Mqtt5Publish got = nextPublish(sub);
            assertThat(got.qos()).isEqualTo(2);
            assertThat(got.dup()).isFalse();
            assertThat(got.packetId()).isNotZero();
            sub.assertNothingReceived(QUIET); // the broker waits for PUBREC

            sub.send(Packets.pubrec(got.packetId()));
            RawPacket pubrel = expectAck(sub, PacketType.PUBREL, got.packetId(), 0x00);
            assertThat(pubrel.flags()).isEqualTo(0b0010);
            sub.send(Packets.pubcomp(got.packetId()));
            sub.assertNothingReceived(QUIET); // no resend of the PUBLISH or PUBREL once complete

            pub.send(publish5("out/q2", 2, false, 2, NO_PROPERTIES, "second"));
            expectAck(pub, PacketType.PUBREC, 2, 0x00);
            Mqtt5Publish next = nextPublish(sub);
            assertThat(next.payloadText()).isEqualTo("second");
            sub.send(Packets.pubrec(next.packetId()));
            expectAck(sub, PacketType.PUBREL, next.packetId(), 0x00);
            sub.send(Packets.pubcomp(next.packetId()));
        }
    }

    @Test
    @DisplayName("packet ids of outbound QoS 1/2 messages in flight are non-zero and unique (MQTT-2.2.1-2, MQTT-2.2.1-3)")
    void usesNonZeroUniquePacketIdsWhileInFlight() {
        try (TestBroker broker = TestBroker.start();
             RawClient sub = Raw.connect5(broker, "sub");
             RawClient pub = Raw.connect5(broker, "pub")) {
            Raw.subscribe5(sub, "ids/#", 2);
            int n = 40;
            for (int i = 1; i <= n; i++) {
                pub.send(publish5("ids/" + i, 1 + i % 2, false, i, NO_PROPERTIES, "m" + i));
            }
            Set<Integer> ids = new HashSet<>();
            for (int i = 1; i <= n; i++) {
                Mqtt5Publish got = nextPublish(sub); // none acknowledged: all are in flight at once
                assertThat(got.packetId()).isBetween(1, 65_535);
                assertThat(ids.add(got.packetId())).as("packet id %d reused while in flight", got.packetId()).isTrue();
            }
        }
    }

    @Test
    @DisplayName("1,000 QoS 1 messages from one publisher arrive in the order sent (MQTT5 4.6, MQTT-4.6.0-6)")
    void keepsOrderOfThousandQos1Messages() throws Exception {
        int n = 1000;
        try (TestBroker broker = TestBroker.start()) {
            Mqtt5BlockingClient sub = hiveMq5(broker, "sub");
            Mqtt5BlockingClient pub = hiveMq5(broker, "pub");
            try {
                BlockingQueue<String> got = new LinkedBlockingQueue<>();
                sub.toAsync().subscribeWith().topicFilter("order").qos(MqttQos.AT_LEAST_ONCE)
                        .callback(p -> got.add(new String(p.getPayloadAsBytes()))).send().get(5, TimeUnit.SECONDS);
                Mqtt5AsyncClient async = pub.toAsync();
                List<CompletableFuture<?>> sent = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    sent.add(async.publishWith().topic("order").qos(MqttQos.AT_LEAST_ONCE).payload(("" + i).getBytes()).send());
                }
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
                for (int i = 0; i < n; i++) {
                    assertThat(got.poll(5, TimeUnit.SECONDS)).as("message #%d", i).isEqualTo("" + i);
                }
            } finally {
                pub.disconnect();
                sub.disconnect();
            }
        }
    }

    @Test
    @DisplayName("interleaved QoS 0, 1 and 2 streams each keep their order (MQTT-4.6.0-6)")
    void keepsOrderWithinEachQosOfAMixedStream() throws Exception {
        int n = 300;
        try (TestBroker broker = TestBroker.start()) {
            Mqtt5BlockingClient sub = hiveMq5(broker, "sub");
            Mqtt5BlockingClient pub = hiveMq5(broker, "pub");
            try {
                BlockingQueue<String> got = new LinkedBlockingQueue<>();
                sub.toAsync().subscribeWith().topicFilter("mixed").qos(MqttQos.EXACTLY_ONCE)
                        .callback(p -> got.add(p.getQos().getCode() + ":" + new String(p.getPayloadAsBytes())))
                        .send().get(5, TimeUnit.SECONDS);
                Mqtt5AsyncClient async = pub.toAsync();
                List<CompletableFuture<?>> sent = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    sent.add(async.publishWith().topic("mixed").qos(MqttQos.fromCode(i % 3)).payload(("" + i).getBytes()).send());
                }
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
                int[] last = {-1, -1, -1};
                int qos1And2 = 0;
                String m;
                while ((m = got.poll(qos1And2 < 2 * n / 3 ? 5 : 1, TimeUnit.SECONDS)) != null) {
                    int qos = m.charAt(0) - '0';
                    int seq = Integer.parseInt(m.substring(2));
                    assertThat(seq % 3).as("QoS of message %d", seq).isEqualTo(qos);
                    assertThat(seq).as("QoS %d stream out of order", qos).isGreaterThan(last[qos]);
                    last[qos] = seq;
                    if (qos > 0) {
                        qos1And2++;
                    }
                }
                assertThat(qos1And2).isEqualTo(2 * n / 3); // QoS 0 may be lost only under backpressure, never reordered
            } finally {
                pub.disconnect();
                sub.disconnect();
            }
        }
    }

    @Test
    @DisplayName("Payload Format Indicator, Content Type, Response Topic, Correlation Data and User Properties reach the subscriber unchanged (MQTT-3.3.2-4, -15, -16, -17, -18, -20)")
    void forwardsApplicationPropertiesUnchanged() {
        byte[] props = concat(
                property(0x01, bytes(1)),
                property(0x03, Packets.utf8("text/plain; charset=utf-8")),
                property(0x08, Packets.utf8("reply/here")),
                property(0x09, Packets.binary(bytes(0, 1, 2, 0xff))),
                property(0x26, concat(Packets.utf8("k"), Packets.utf8("v1"))),
                property(0x26, concat(Packets.utf8("a"), Packets.utf8("b"))),
                property(0x26, concat(Packets.utf8("k"), Packets.utf8("v2"))));
        try (TestBroker broker = TestBroker.start();
             RawClient sub = Raw.connect5(broker, "sub");
             RawClient pub = Raw.connect5(broker, "pub")) {
            Raw.subscribe5(sub, "props/#", 1);
            pub.send(publish5("props/x", 1, false, 1, props, "héllo"));
            expectAck(pub, PacketType.PUBACK, 1, 0x00);
            Mqtt5Publish got = nextPublish(sub);
            assertThat(got.payloadText()).isEqualTo("héllo");
            assertThat(got.property(Mqtt5Publish.PAYLOAD_FORMAT_INDICATOR)).isEqualTo(1);
            assertThat(got.property(Mqtt5Publish.CONTENT_TYPE)).isEqualTo("text/plain; charset=utf-8");
            assertThat(got.property(Mqtt5Publish.RESPONSE_TOPIC)).isEqualTo("reply/here");
            assertThat((byte[]) got.property(Mqtt5Publish.CORRELATION_DATA)).containsExactly(bytes(0, 1, 2, 0xff));
            assertThat(got.properties().get(Mqtt5Publish.USER_PROPERTY)).containsExactly("k=v1", "a=b", "k=v2");
            sub.send(Packets.puback(got.packetId()));
        }
    }

    @Test
    @DisplayName("a message without Payload Format Indicator is forwarded without one (MQTT-3.3.2-4)")
    void forwardsNoPayloadFormatIndicatorWhenNoneWasSent() {
        try (TestBroker broker = TestBroker.start();
             RawClient sub = Raw.connect5(broker, "sub");
             RawClient pub = Raw.connect5(broker, "pub")) {
            Raw.subscribe5(sub, "plain", 0);
            pub.send(Packets.publish5("plain", 0, false, 0, NO_PROPERTIES, bytes(0xc3, 0x28)));
            Mqtt5Publish got = nextPublish(sub);
            assertThat(got.properties()).isEmpty();
            assertThat(got.payload()).containsExactly(bytes(0xc3, 0x28));
        }
    }

    @Test
    @DisplayName("overlapping subscriptions: the message reaches the client at the highest QoS among them (MQTT-3.3.4-2, 3.1.1 MQTT-3.3.5-1)")
    void deliversAtHighestQosOfOverlappingSubscriptions() {
        try (TestBroker broker = TestBroker.start();
             RawClient sub = Raw.connect5(broker, "sub");
             RawClient pub = Raw.connect5(broker, "pub")) {
            Raw.subscribe5(sub, "ov/#", 0);
            Raw.subscribe5(sub, "ov/+", 2);
            pub.send(publish5("ov/x", 2, false, 1, NO_PROPERTIES, "both"));
            expectAck(pub, PacketType.PUBREC, 1, 0x00);
            pub.send(Packets.pubrel(1));
            expectAck(pub, PacketType.PUBCOMP, 1, 0x00);
            // MQTT 5 allows one copy per subscription or a single copy; either way one must be at QoS 2.
            // The copies were handed to the subscriber's connection before PUBREC, so they precede PINGRESP.
            sub.send(Packets.pingreq());
            int highest = -1;
            int copies = 0;
            for (RawPacket p = sub.readPacket(); p.type() != PacketType.PINGRESP; p = sub.readPacket()) {
                Mqtt5Publish copy = Mqtt5Publish.parse(p);
                assertThat(copy.payloadText()).isEqualTo("both");
                highest = Math.max(highest, copy.qos());
                copies++;
            }
            assertThat(copies).isBetween(1, 2);
            assertThat(highest).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("mosquitto_pub publishes at QoS 1 to a Paho subscriber")
    void deliversMessageFromMosquittoPub() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/mosquitto_pub")), "mosquitto_pub is not installed");
        try (TestBroker broker = TestBroker.start(); Client sub = Clients.connect(Kind.PAHO_V3, broker, "sub")) {
            sub.subscribe("mosq/#", 1);
            for (String version : List.of("mqttv311", "mqttv5")) {
                Process p = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", "" + broker.port(),
                        "-V", version, "-q", "1", "-t", "mosq/" + version, "-m", "from-mosquitto")
                        .redirectErrorStream(true).start();
                assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
                assertThat(sub.poll()).isEqualTo("mosq/" + version + "=from-mosquitto@1");
            }
        }
    }

    static Mqtt5BlockingClient hiveMq5(TestBroker broker, String id) {
        Mqtt5BlockingClient c = MqttClient.builder().useMqttVersion5().identifier(id)
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        c.connectWith().cleanStart(true).send();
        return c;
    }

    /** Normalises hand-written hex to the form {@link RawPacket#hex()} uses. */
    private static final class RawPacketHex {
        static String of(String hex) {
            return io.bastionmq.testkit.Hex.format(io.bastionmq.testkit.Hex.parse(hex));
        }
    }
}
