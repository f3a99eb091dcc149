package io.bastionmq.it.subscribe;

import static io.bastionmq.it.subscribe.Wire.sub;
import static io.bastionmq.testkit.Packets.property;
import static io.bastionmq.testkit.Packets.u32;
import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.it.support.TestBroker;
import io.bastionmq.testkit.Hex;
import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.Packets;
import io.bastionmq.testkit.RawClient;
import io.bastionmq.testkit.RawPacket;
import io.bastionmq.testkit.WireReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SUBSCRIBE, SUBACK, UNSUBSCRIBE and UNSUBACK over a real socket (MQTT 3.1.1 3.8-3.11, MQTT5
 * 3.8-3.11), byte-exact with {@link RawClient}.
 */
class SubscribeIT {
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final byte[] NONE = new byte[0];

    @Test
    @DisplayName("MQTT-3.8.4-2, -5, -6, MQTT-3.9.3-1: one SUBACK, same packet id, one granted QoS per filter in order (v5)")
    void acknowledgesEveryFilterInOrderWithItsGrantedQosV5() {
        try (TestBroker broker = TestBroker.start(); RawClient c = Wire.connect5(broker, "s5")) {
            List<Integer> codes = Wire.subscribe5(c, 0x1234, NONE,
                    sub("q/2", 2), sub("q/0", 0), sub("q/1", 1), sub("q/+/x", 2));
            assertThat(codes).containsExactly(0x02, 0x00, 0x01, 0x02);
        }
    }

    @Test
    @DisplayName("MQTT-3.8.4-4, -5, MQTT-3.9.3-1: one SUBACK, same packet id, one return code per filter in order (3.1.1)")
    void acknowledgesEveryFilterInOrderWithItsGrantedQos311() {
        try (TestBroker broker = TestBroker.start(); RawClient c = Wire.connect311(broker, "s3")) {
            c.send(Wire.subscribe311(0xfffe, sub("q/1", 1), sub("q/2", 2), sub("q/0", 0)));
            RawPacket suback = c.expect(PacketType.SUBACK);
            // 90 05 | ff fe | 01 02 00
            assertThat(suback.hex()).isEqualTo("90 05 ff fe 01 02 00");
        }
    }

    @Test
    @DisplayName("MQTT-3.8.4-7, -8: the server grants at most its Maximum QoS and downgrades deliveries to the granted QoS")
    void grantsAtMostTheServerMaximumQosAndDeliversAtTheGrantedQos() {
        try (TestBroker broker = TestBroker.builder().maximumQos(1).start();
                RawClient sub = Wire.connect5(broker, "sub");
                RawClient pub = Wire.connect5(broker, "pub")) {
            assertThat(Wire.subscribe5(sub, 1, NONE, sub("g/a", 2), sub("g/b", 0))).containsExactly(0x01, 0x00);
            pub.send(Packets.publish5("g/b", 1, false, 7, NONE, "b".getBytes()));
            pub.expect(PacketType.PUBACK);
            Wire.Publish got = Wire.readPublish(sub, true);
            assertThat(got.topic()).isEqualTo("g/b");
            assertThat(got.qos()).as("min(publish QoS 1, granted QoS 0)").isZero();
        }
    }

    @Test
    @DisplayName("MQTT5 3.9.3, MQTT-4.7.1-2, -3, MQTT-4.7.3-1: invalid filters get 0x8F each, valid neighbours are granted")
    void refusesEachInvalidFilterWith0x8FWhileGrantingTheValidOnesV5() {
        try (TestBroker broker = TestBroker.start();
                RawClient c = Wire.connect5(broker, "inv5");
                RawClient pub = Wire.connect5(broker, "pub")) {
            List<Integer> codes = Wire.subscribe5(c, 2, NONE,
                    sub("ok/1", 1), sub("a/#/b", 1), sub("a+", 0), sub("#x", 0), sub("", 0), sub("a/b+/c", 0),
                    sub("ok/2", 2));
            assertThat(codes).containsExactly(0x01, 0x8f, 0x8f, 0x8f, 0x8f, 0x8f, 0x02);
            // The connection stays usable and the granted subscriptions are live.
            pub.send(Packets.publish5("ok/2", 0, false, 0, NONE, "x".getBytes()));
            assertThat(Wire.readPublish(c, true).topic()).isEqualTo("ok/2");
        }
    }

    @Test
    @DisplayName("MQTT-3.9.3-2 (3.1.1): an invalid filter gets return code 0x80, valid neighbours are granted")
    void refusesEachInvalidFilterWith0x80WhileGrantingTheValidOnes311() {
        try (TestBroker broker = TestBroker.start();
                RawClient c = Wire.connect311(broker, "inv3");
                RawClient pub = Wire.connect311(broker, "pub")) {
            List<Integer> codes = Wire.subscribe311(c, 3,
                    sub("ok/1", 1), sub("a/#/b", 1), sub("a+", 0), sub("#x", 2), sub("", 0), sub("ok/2", 2));
            assertThat(codes).containsExactly(0x01, 0x80, 0x80, 0x80, 0x80, 0x02);
            pub.send(Packets.publish311("ok/1", 0, false, 0, "y".getBytes()));
            assertThat(Wire.readPublish(c, false).topic()).isEqualTo("ok/1");
        }
    }

    @Test
    @DisplayName("MQTT5 3.9.3 0x8F: a filter with more levels than the server allows is refused, one within the limit granted")
    void refusesFilterWithTooManyLevels() {
        try (TestBroker broker = TestBroker.builder().maxTopicLevels(3).start();
                RawClient v5 = Wire.connect5(broker, "lv5");
                RawClient v3 = Wire.connect311(broker, "lv3")) {
            assertThat(Wire.subscribe5(v5, 1, NONE, sub("a/b/c", 1), sub("a/b/c/d", 1), sub("a/+/#", 0)))
                    .containsExactly(0x01, 0x8f, 0x00);
            assertThat(Wire.subscribe311(v3, 1, sub("a/b/c/d", 1), sub("a/b/c", 1))).containsExactly(0x80, 0x01);
        }
    }

    @Test
    @DisplayName("MQTT5 3.2.2.3.13, 3.9.3 0xA2: wildcard subscriptions unavailable are announced and refused per filter")
    void refusesWildcardFiltersWhenWildcardSubscriptionsAreUnavailable() {
        try (TestBroker broker = TestBroker.builder().wildcardSubscriptionAvailable(false).start();
                RawClient v5 = RawClient.connect("127.0.0.1", broker.port());
                RawClient v3 = Wire.connect311(broker, "wc3")) {
            RawPacket connack = v5.send(Packets.connect5("wc5")).expectConnAck(0x00);
            assertThat(Wire.connAckProperties(connack))
                    .contains(new WireReader.Property(Wire.WILDCARD_SUBSCRIPTION_AVAILABLE, 0));
            assertThat(Wire.subscribe5(v5, 1, NONE, sub("w/+", 1), sub("w/x", 1), sub("#", 0), sub("$share/g/w/y", 0)))
                    .containsExactly(0xa2, 0x01, 0xa2, 0x00);
            assertThat(Wire.subscribe311(v3, 1, sub("w/#", 1), sub("w/x", 2))).containsExactly(0x80, 0x02);
        }
    }

    @Test
    @DisplayName("MQTT5 3.2.2.3.15, 3.9.3 0x9E: shared subscriptions unavailable are announced and refused per filter")
    void refusesSharedFiltersWhenSharedSubscriptionsAreUnavailable() {
        try (TestBroker broker = TestBroker.builder().sharedSubscriptionAvailable(false).start();
                RawClient v5 = RawClient.connect("127.0.0.1", broker.port());
                RawClient v3 = Wire.connect311(broker, "sh3")) {
            RawPacket connack = v5.send(Packets.connect5("sh5")).expectConnAck(0x00);
            assertThat(Wire.connAckProperties(connack)).contains(new WireReader.Property(Wire.SHARED_SUBSCRIPTION_AVAILABLE, 0));
            assertThat(Wire.subscribe5(v5, 1, NONE, sub("$share/g/s/x", 1), sub("s/x", 1)))
                    .containsExactly(0x9e, 0x01);
            assertThat(Wire.subscribe311(v3, 1, sub("$share/g/s/x", 1), sub("s/x", 0))).containsExactly(0x80, 0x00);
        }
    }

    @Test
    @DisplayName("MQTT5 3.2.2.3.14, 3.8.2.1.2: a Subscription Identifier the server does not support ends the connection with 0xA1")
    void disconnectsWith0xA1WhenSubscriptionIdentifiersAreUnavailable() {
        try (TestBroker broker = TestBroker.builder().subscriptionIdentifiersAvailable(false).start();
                RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
            RawPacket connack = c.send(Packets.connect5("sid")).expectConnAck(0x00);
            assertThat(Wire.connAckProperties(connack))
                    .contains(new WireReader.Property(Wire.SUBSCRIPTION_IDENTIFIERS_AVAILABLE, 0));
            // Without an identifier the SUBSCRIBE is fine.
            assertThat(Wire.subscribe5(c, 1, NONE, sub("i/x", 1))).containsExactly(0x01);
            c.send(Wire.subscribe5(2, Wire.subscriptionId(5), sub("i/y", 1)));
            c.expectDisconnect(0xa1);
        }
    }

    @Test
    @DisplayName("MQTT-3.8.4-3: subscribing again to the same filter replaces the subscription: new QoS, one delivery")
    void subscribingAgainToTheSameFilterReplacesTheSubscription() {
        try (TestBroker broker = TestBroker.start();
                RawClient sub = Wire.connect5(broker, "re5");
                RawClient pub = Wire.connect5(broker, "pub")) {
            assertThat(Wire.subscribe5(sub, 1, NONE, sub("r/#", 0))).containsExactly(0x00);
            assertThat(Wire.subscribe5(sub, 2, NONE, sub("r/#", 2))).containsExactly(0x02);
            pub.send(Packets.publish5("r/a", 2, false, 9, NONE, "m".getBytes()));
            pub.expect(PacketType.PUBREC);
            Wire.Publish got = Wire.readPublish(sub, true);
            assertThat(got.qos()).as("the replacing subscription's QoS").isEqualTo(2);
            sub.assertNothingReceived(QUIET);
        }
    }

    @Test
    @DisplayName("MQTT-3.8.4-3 (3.1.1): subscribing again replaces the subscription and re-sends matching retained messages")
    void subscribingAgainReplacesTheSubscriptionAndResendsRetained311() {
        try (TestBroker broker = TestBroker.start();
                RawClient sub = Wire.connect311(broker, "re3");
                RawClient pub = Wire.connect311(broker, "pub")) {
            pub.send(Packets.publish311("rr/k", 1, true, 1, "kept".getBytes())).expect(PacketType.PUBACK);
            assertThat(Wire.subscribe311(sub, 1, sub("rr/#", 1))).containsExactly(0x01);
            Wire.Publish first = Wire.readPublish(sub, false);
            assertThat(first.retain()).isTrue();
            sub.send(Packets.puback(first.packetId()));
            assertThat(Wire.subscribe311(sub, 2, sub("rr/#", 0))).containsExactly(0x00);
            Wire.Publish again = Wire.readPublish(sub, false);
            assertThat(again.payloadText()).isEqualTo("kept");
            assertThat(again.qos()).as("the replacing subscription's QoS").isZero();
            pub.send(Packets.publish311("rr/k2", 1, false, 2, "live".getBytes())).expect(PacketType.PUBACK);
            Wire.Publish live = Wire.readPublish(sub, false);
            assertThat(live.topic()).isEqualTo("rr/k2");
            assertThat(live.qos()).isZero();
            sub.assertNothingReceived(QUIET);
        }
    }

    @Test
    @DisplayName("MQTT5 4.7.1, MQTT-4.7.3-4: '+', '#' (parent level too), empty levels, case and unicode match as specified")
    void matchesTopicsAgainstFiltersAsTheSpecificationSays() {
        String[] topics = {
            "sport", "sport/tennis", "sport/tennis/player1", "sport/tennis/player1/ranking", "Sport/tennis",
            "/finance", "finance", "a//b", "a/", "a/b", "δοκιμή/日本/🙂", "δοκιμή/日本", "x/y/z",
        };
        Object[][] expectations = {
            {"sport/tennis/player1/#", List.of("sport/tennis/player1", "sport/tennis/player1/ranking")},
            {"sport/#", List.of("sport", "sport/tennis", "sport/tennis/player1", "sport/tennis/player1/ranking")},
            {"sport/tennis/+", List.of("sport/tennis/player1")},
            {"sport/+", List.of("sport/tennis")},
            {"+", List.of("sport", "finance")},
            {"+/+", List.of("sport/tennis", "Sport/tennis", "/finance", "a/", "a/b", "δοκιμή/日本")},
            {"/+", List.of("/finance")},
            {"+/tennis/#", List.of("sport/tennis", "sport/tennis/player1", "sport/tennis/player1/ranking",
                    "Sport/tennis")},
            {"a/+/b", List.of("a//b")},
            {"a//b", List.of("a//b")},
            {"a/+", List.of("a/", "a/b")},
            {"a/", List.of("a/")},
            {"δοκιμή/+/🙂", List.of("δοκιμή/日本/🙂")},
            {"δοκιμή/#", List.of("δοκιμή/日本/🙂", "δοκιμή/日本")},
            {"+/+/+", List.of("sport/tennis/player1", "a//b", "δοκιμή/日本/🙂", "x/y/z")},
            {"#", List.of(topics)},
        };
        String end = "end/marker";
        try (TestBroker broker = TestBroker.start(); RawClient pub = Wire.connect311(broker, "pub")) {
            RawClient[] subs = new RawClient[expectations.length];
            try {
                for (int i = 0; i < expectations.length; i++) {
                    subs[i] = Wire.connect311(broker, "m" + i);
                    String filter = (String) expectations[i][0];
                    assertThat(Wire.subscribe311(subs[i], 1, sub(filter, 0), sub(end, 0)))
                            .as(filter).containsExactly(0x00, 0x00);
                }
                for (String topic : topics) {
                    pub.send(Packets.publish311(topic, 0, false, 0, topic.getBytes(StandardCharsets.UTF_8)));
                }
                pub.send(Packets.publish311(end, 0, false, 0, new byte[0]));
                for (int i = 0; i < expectations.length; i++) {
                    List<String> got = new java.util.ArrayList<>();
                    while (true) {
                        Wire.Publish p = Wire.readPublish(subs[i], false);
                        if (p.topic().equals(end)) {
                            break;
                        }
                        // No normalisation: the payload is the topic as published (MQTT-4.7.3-4).
                        assertThat(p.payloadText()).isEqualTo(p.topic());
                        got.add(p.topic());
                    }
                    assertThat(got).as("topics delivered for filter '%s'", expectations[i][0])
                            .containsExactlyInAnyOrderElementsOf(castList(expectations[i][1]));
                }
            } finally {
                for (RawClient s : subs) {
                    if (s != null) {
                        s.close();
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("MQTT-4.7.2-1: filters starting with a wildcard do not match $SYS topics; '$SYS/#' does")
    void leadingWildcardsDoNotMatchDollarTopics() {
        try (TestBroker broker = TestBroker.builder().sysInterval(Duration.ofSeconds(1)).start();
                RawClient all = Wire.connect5(broker, "all");
                RawClient sys = Wire.connect5(broker, "sys")) {
            assertThat(Wire.subscribe5(all, 1, NONE, sub("#", 0), sub("+/broker/#", 0))).containsExactly(0x00, 0x00);
            all.assertNothingReceived(Duration.ofMillis(100)); // no retained $SYS message on subscribe either
            assertThat(Wire.subscribe5(sys, 1, NONE, sub("$SYS/#", 0))).containsExactly(0x00);
            // Wait for a live (not retained-on-subscribe) $SYS message, routed through the subscriptions.
            Wire.Publish live;
            do {
                live = Wire.readPublish(sys, true);
            } while (live.retain());
            assertThat(live.topic()).startsWith("$SYS/");
            all.assertNothingReceived(QUIET);
        }
    }

    @Test
    @DisplayName("MQTT-3.8.3-2 (MQTT5), MQTT-3.8.3-3 (3.1.1): a SUBSCRIBE without any filter is a protocol error")
    void closesConnectionOnSubscribeWithoutFilters() {
        try (TestBroker broker = TestBroker.start();
                RawClient v5 = Wire.connect5(broker, "empty5");
                RawClient v3 = Wire.connect311(broker, "empty3")) {
            v5.send(Packets.packet(0x82, Packets.u16(1), Packets.properties(NONE)));
            v5.expectDisconnect(0x82);
            v3.send(Hex.parse("82 02 00 01"));
            v3.expectClosed(); // MQTT-3.8.3-3 (3.1.1): a SUBSCRIBE with no payload is a protocol violation
        }
    }

    @Test
    @DisplayName("MQTT-3.8.1-1: SUBSCRIBE with reserved fixed-header flags other than 0010 closes the connection")
    void closesConnectionOnSubscribeWithWrongFixedHeaderFlags() {
        try (TestBroker broker = TestBroker.start(); RawClient v3 = Wire.connect311(broker, "flags")) {
            byte[] ok = Wire.subscribe311(1, sub("f/x", 0));
            ok[0] = (byte) 0x80;
            v3.send(ok);
            v3.expectClosed();
        }
    }

    @Test
    @DisplayName("MQTT5 3.8.3.1: a subscription kept by a persistent session still delivers after reconnecting")
    void subscriptionSurvivesReconnectOfPersistentSession() {
        try (TestBroker broker = TestBroker.start(); RawClient pub = Wire.connect5(broker, "pub")) {
            byte[] expiry = property(Wire.SESSION_EXPIRY_INTERVAL, u32(60));
            try (RawClient first = Wire.connect5(broker, "keep", expiry)) {
                assertThat(Wire.subscribe5(first, 1, NONE, sub("k/#", 1))).containsExactly(0x01);
                first.send(Packets.disconnect5(0x00)).expectClosed();
            }
            try (RawClient again = RawClient.connect("127.0.0.1", broker.port())) {
                RawPacket connack = again.send(Packets.connect5("keep", false, 60, expiry)).expectConnAck(0x00);
                assertThat(connack.sessionPresent()).isTrue();
                pub.send(Packets.publish5("k/x", 1, false, 1, NONE, "hi".getBytes())).expect(PacketType.PUBACK);
                assertThat(Wire.readPublish(again, true).payloadText()).isEqualTo("hi");
            }
        }
    }

    @Test
    @DisplayName("MQTT-3.8.4-8: a message is delivered at min(publish QoS, granted QoS), for every pair")
    void deliversAtTheLowerOfPublishedAndGrantedQos() {
        try (TestBroker broker = TestBroker.start();
                RawClient sub = Wire.connect5(broker, "mat");
                RawClient pub = Wire.connect5(broker, "pub")) {
            assertThat(Wire.subscribe5(sub, 1, NONE, sub("mq/0", 0), sub("mq/1", 1), sub("mq/2", 2)))
                    .containsExactly(0x00, 0x01, 0x02);
            int packetId = 1;
            for (int granted = 0; granted <= 2; granted++) {
                for (int published = 0; published <= 2; published++) {
                    pub.send(Packets.publish5("mq/" + granted, published, false, packetId, NONE, new byte[0]));
                    if (published == 1) {
                        pub.expect(PacketType.PUBACK);
                    } else if (published == 2) {
                        pub.expect(PacketType.PUBREC);
                        pub.send(Packets.pubrel(packetId)).expect(PacketType.PUBCOMP);
                    }
                    packetId++;
                    Wire.Publish got = Wire.readPublish(sub, true);
                    assertThat(got.qos()).as("published %d, granted %d", published, granted)
                            .isEqualTo(Math.min(published, granted));
                    if (got.qos() == 1) {
                        sub.send(Packets.puback(got.packetId()));
                    } else if (got.qos() == 2) {
                        sub.send(Packets.pubrec(got.packetId()));
                        assertThat(sub.expect(PacketType.PUBREL).packetId()).isEqualTo(got.packetId());
                        sub.send(Packets.pubcomp(got.packetId()));
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("MQTT5 4.7.1, MQTT-3.3.1-9: retained messages sent on subscribe follow the same matching rules")
    void matchesRetainedMessagesAgainstFiltersAsTheSpecificationSays() {
        String[] topics = {"sport", "sport/tennis", "sport/tennis/player1", "/finance", "a//b", "a/", "δοκιμή/日本"};
        Object[][] expectations = {
            {"sport/#", List.of("sport", "sport/tennis", "sport/tennis/player1")},
            {"sport/+", List.of("sport/tennis")},
            {"+", List.of("sport")},
            {"+/+", List.of("sport/tennis", "/finance", "a/", "δοκιμή/日本")},
            {"/#", List.of("/finance")},
            {"a/+/b", List.of("a//b")},
            {"a/+", List.of("a/")},
            {"+/日本", List.of("δοκιμή/日本")},
            {"#", List.of(topics)},
            {"Sport/#", List.of()},
        };
        try (TestBroker broker = TestBroker.start()) {
            try (RawClient pub = Wire.connect311(broker, "pub")) {
                int id = 1;
                for (String topic : topics) {
                    pub.send(Packets.publish311(topic, 1, true, id++, topic.getBytes(StandardCharsets.UTF_8)));
                    pub.expect(PacketType.PUBACK);
                }
            }
            for (Object[] e : expectations) {
                try (RawClient sub = Wire.connect311(broker, "r")) {
                    assertThat(Wire.subscribe311(sub, 1, sub((String) e[0], 0))).containsExactly(0x00);
                    List<String> expected = castList(e[1]);
                    List<String> got = new java.util.ArrayList<>();
                    for (int i = 0; i < expected.size(); i++) {
                        Wire.Publish p = Wire.readPublish(sub, false);
                        assertThat(p.retain()).isTrue();
                        got.add(p.topic());
                    }
                    sub.assertNothingReceived(Duration.ofMillis(100));
                    assertThat(got).as("retained topics for '%s'", e[0]).containsExactlyInAnyOrderElementsOf(expected);
                }
            }
        }
    }

    @Test
    @DisplayName("MQTT-3.8.3-5, MQTT5 3.8.3.1: reserved option bits are malformed; QoS 3 and Retain Handling 3 are protocol errors")
    void rejectsInvalidSubscriptionOptionsV5() {
        try (TestBroker broker = TestBroker.start()) {
            int[][] cases = {{0x40, 0x81}, {0x80, 0x81}, {0x03, 0x82}, {0x30, 0x82}};
            for (int[] c : cases) {
                try (RawClient client = Wire.connect5(broker, "opt" + c[0])) {
                    client.send(Wire.subscribe5(1, NONE, sub("ok/x", 0), sub("o/x", c[0])));
                    client.expectDisconnect(c[1]);
                }
            }
        }
    }

    @Test
    @DisplayName("MQTT-3.8.3-4 (3.1.1): reserved bits or QoS 3 in a requested QoS close the connection")
    void rejectsInvalidRequestedQos311() {
        try (TestBroker broker = TestBroker.start()) {
            for (int options : new int[] {0x03, 0x04, 0x81}) {
                try (RawClient client = Wire.connect311(broker, "q" + options)) {
                    client.send(Wire.subscribe311(1, sub("o/x", options)));
                    client.expectClosed();
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
        return (List<String>) o;
    }
}
