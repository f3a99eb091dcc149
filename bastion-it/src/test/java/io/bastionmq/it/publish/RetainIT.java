package io.bastionmq.it.publish;

import static io.bastionmq.it.publish.Raw.NO_PROPERTIES;
import static io.bastionmq.it.publish.Raw.expectAck;
import static io.bastionmq.it.publish.Raw.nextPublish;
import static io.bastionmq.it.publish.Raw.publish5;
import static io.bastionmq.testkit.Packets.concat;
import static io.bastionmq.testkit.Packets.property;
import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.it.publish.Clients.Client;
import io.bastionmq.it.publish.Clients.Kind;
import io.bastionmq.it.support.TestBroker;
import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.Packets;
import io.bastionmq.testkit.RawClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Retained messages (MQTT5 3.3.1.3, 4.7.2; MQTT 3.1.1 3.3.1.3) as subscribers observe them. */
class RetainIT {
    private static final Duration QUIET = Duration.ofMillis(400);
    /** Subscription options (MQTT5 3.8.3.1): bit 3 Retain As Published, bits 4-5 Retain Handling. */
    private static final int RETAIN_AS_PUBLISHED = 0x08;
    private static final int SEND_IF_NEW = 0x10;
    private static final int NEVER_SEND = 0x20;

    @ParameterizedTest(name = "subscribed at QoS {0}")
    @ValueSource(ints = {0, 1, 2})
    @DisplayName("a new subscriber gets the retained message with RETAIN=1 at the lesser QoS (MQTT-3.3.1-9, MQTT5 3.8.4)")
    void deliversRetainedMessageWithRetainFlagOnNewSubscription(int subscribedQos) {
        try (TestBroker broker = TestBroker.start(); RawClient pub = Raw.connect5(broker, "pub")) {
            pub.send(publish5("ret/q", 2, true, 1, NO_PROPERTIES, "kept"));
            expectAck(pub, PacketType.PUBREC, 1, 0x10);
            pub.send(Packets.pubrel(1));
            expectAck(pub, PacketType.PUBCOMP, 1, 0x00);

            try (RawClient sub = Raw.connect5(broker, "sub")) {
                Raw.subscribe5(sub, "ret/q", subscribedQos);
                Mqtt5Publish got = nextPublish(sub);
                assertThat(got.topic()).isEqualTo("ret/q");
                assertThat(got.payloadText()).isEqualTo("kept");
                assertThat(got.retain()).isTrue();
                assertThat(got.qos()).isEqualTo(subscribedQos);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    @DisplayName("third-party clients see a retained message flagged as retained (MQTT-3.3.1-9)")
    void thirdPartyClientsSeeRetainedFlag(Kind kind) throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            try (Client pub = Clients.connect(kind, broker, "pub")) {
                pub.publish("ret/lib", "kept", 1, true);
            }
            try (Client sub = Clients.connect(kind, broker, "sub")) {
                sub.subscribe("ret/lib", 1);
                assertThat(sub.poll()).isEqualTo("ret/lib=kept@1+r");
            }
        }
    }

    @Test
    @DisplayName("a retained publish replaces the topic's retained message; a non-retained one leaves it (MQTT-3.3.1-5, MQTT-3.3.1-8)")
    void replacesRetainedMessageWithTheNextRetainedPublish() {
        try (TestBroker broker = TestBroker.start(); RawClient pub = Raw.connect5(broker, "pub")) {
            pub.send(publish5("ret/r", 1, true, 1, NO_PROPERTIES, "first"));
            expectAck(pub, PacketType.PUBACK, 1, 0x10);
            pub.send(publish5("ret/r", 1, true, 2, NO_PROPERTIES, "second"));
            expectAck(pub, PacketType.PUBACK, 2, 0x10);
            pub.send(publish5("ret/r", 1, false, 3, NO_PROPERTIES, "not retained"));
            expectAck(pub, PacketType.PUBACK, 3, 0x10);

            try (RawClient sub = Raw.connect5(broker, "sub")) {
                Raw.subscribe5(sub, "ret/r", 1);
                Mqtt5Publish got = nextPublish(sub);
                assertThat(got.payloadText()).isEqualTo("second");
                assertThat(got.retain()).isTrue();
                sub.send(Packets.puback(got.packetId()));
                sub.assertNothingReceived(QUIET);
            }
        }
    }

    @Test
    @DisplayName("an empty retained payload clears the retained message, reaches existing subscribers, and is not stored itself (MQTT-3.3.1-6, MQTT-3.3.1-7)")
    void clearsRetainedMessageWithEmptyPayload() {
        try (TestBroker broker = TestBroker.start();
             RawClient existing = Raw.connect5(broker, "existing");
             RawClient pub = Raw.connect5(broker, "pub")) {
            pub.send(publish5("ret/clear", 1, true, 1, NO_PROPERTIES, "doomed"));
            expectAck(pub, PacketType.PUBACK, 1, 0x10);
            Raw.subscribe5(existing, "ret/clear", 0);
            assertThat(nextPublish(existing).payloadText()).isEqualTo("doomed");

            pub.send(publish5("ret/clear", 1, true, 2, NO_PROPERTIES, ""));
            expectAck(pub, PacketType.PUBACK, 2, 0x00);
            Mqtt5Publish live = nextPublish(existing);
            assertThat(live.payload()).isEmpty();
            assertThat(live.retain()).isFalse();

            try (RawClient late = Raw.connect5(broker, "late")) {
                Raw.subscribe5(late, "ret/#", 1);
                late.assertNothingReceived(QUIET);
            }
        }
    }

    @Test
    @DisplayName("live deliveries carry RETAIN=0 unless the subscription asks for Retain As Published (MQTT-3.3.1-12, MQTT-3.3.1-13)")
    void setsRetainOnLiveDeliveryOnlyWithRetainAsPublished() {
        try (TestBroker broker = TestBroker.start();
             RawClient plain = Raw.connect5(broker, "plain");
             RawClient rap = Raw.connect5(broker, "rap");
             RawClient v3 = Raw.connect311(broker, "v3");
             RawClient pub = Raw.connect5(broker, "pub")) {
            Raw.subscribe5(plain, "live/x", 0);
            Raw.subscribe5(rap, "live/x", RETAIN_AS_PUBLISHED, 0x00);
            Raw.subscribe311(v3, "live/x", 0);

            pub.send(publish5("live/x", 0, true, 0, NO_PROPERTIES, "retained"));
            pub.send(publish5("live/x", 0, false, 0, NO_PROPERTIES, "plain"));

            assertThat(nextPublish(plain).retain()).isFalse();
            assertThat(nextPublish(plain).retain()).isFalse();
            assertThat(nextPublish(rap).retain()).isTrue();
            assertThat(nextPublish(rap).retain()).isFalse();
            assertThat(v3.expect(PacketType.PUBLISH).retain()).as("3.1.1: MQTT-3.3.1-9 (0 for established subscriptions)").isFalse();
            assertThat(v3.expect(PacketType.PUBLISH).retain()).isFalse();
        }
    }

    @Test
    @DisplayName("Retain Handling 0 sends retained messages on every SUBSCRIBE, even a repeated one (MQTT-3.3.1-9 in MQTT5)")
    void retainHandling0SendsOnEverySubscribe() {
        try (TestBroker broker = TestBroker.start(); RawClient sub = withRetained(broker, "rh/0")) {
            Raw.subscribe5(sub, "rh/0", 0);
            assertThat(nextPublish(sub).retain()).isTrue();
            Raw.subscribe5(sub, "rh/0", 0);
            assertThat(nextPublish(sub).retain()).isTrue();
        }
    }

    @Test
    @DisplayName("Retain Handling 1 sends retained messages only when the subscription is new (MQTT-3.3.1-10)")
    void retainHandling1SendsOnlyForNewSubscription() {
        try (TestBroker broker = TestBroker.start(); RawClient sub = withRetained(broker, "rh/1")) {
            Raw.subscribe5(sub, "rh/1", SEND_IF_NEW, 0x00);
            assertThat(nextPublish(sub).payloadText()).isEqualTo("retained");
            Raw.subscribe5(sub, "rh/1", SEND_IF_NEW, 0x00);
            sub.assertNothingReceived(QUIET);
            // After UNSUBSCRIBE the next SUBSCRIBE is new again.
            sub.send(Packets.packet(0xa2, Packets.u16(2), Packets.properties(NO_PROPERTIES), Packets.utf8("rh/1")));
            sub.expect(PacketType.UNSUBACK);
            Raw.subscribe5(sub, "rh/1", SEND_IF_NEW, 0x00);
            assertThat(nextPublish(sub).payloadText()).isEqualTo("retained");
        }
    }

    @Test
    @DisplayName("Retain Handling 2 never sends retained messages, but live messages still flow (MQTT-3.3.1-11)")
    void retainHandling2NeverSendsRetained() {
        try (TestBroker broker = TestBroker.start(); RawClient sub = withRetained(broker, "rh/2")) {
            Raw.subscribe5(sub, "rh/2", NEVER_SEND, 0x00);
            sub.assertNothingReceived(QUIET);
            try (RawClient pub = Raw.connect5(broker, "pub2")) {
                pub.send(publish5("rh/2", 0, false, 0, NO_PROPERTIES, "live"));
            }
            assertThat(nextPublish(sub).payloadText()).isEqualTo("live");
        }
    }

    @Test
    @DisplayName("a wildcard subscription receives every matching retained message, and only those (MQTT5 3.3.1.3)")
    void deliversAllMatchingRetainedMessagesToWildcardSubscription() {
        try (TestBroker broker = TestBroker.start(); RawClient pub = Raw.connect5(broker, "pub")) {
            int id = 1;
            for (String topic : List.of("w/a", "w/b", "w/a/deep", "other/a", "w")) {
                pub.send(publish5(topic, 1, true, id, NO_PROPERTIES, topic));
                expectAck(pub, PacketType.PUBACK, id++, 0x10);
            }
            try (RawClient sub = Raw.connect5(broker, "sub")) {
                Raw.subscribe5(sub, "w/#", 0);
                // "w/#" matches its parent level "w" too (MQTT5 4.7.1.2).
                assertThat(topics(sub, 4)).containsExactlyInAnyOrder("w", "w/a", "w/b", "w/a/deep");
                sub.assertNothingReceived(QUIET);
                Raw.subscribe5(sub, "+/a", 0);
                assertThat(topics(sub, 2)).containsExactlyInAnyOrder("w/a", "other/a");
                sub.assertNothingReceived(QUIET);
            }
        }
    }

    @Test
    @DisplayName("'#' and '+/…' do not match retained $SYS topics, '$SYS/#' does (MQTT-4.7.2-1)")
    void wildcardsDoNotDeliverRetainedSysTopics() {
        try (TestBroker broker = TestBroker.builder().sysInterval(Duration.ofSeconds(1)).start();
             RawClient pub = Raw.connect5(broker, "pub")) {
            pub.send(publish5("normal/x", 1, true, 1, NO_PROPERTIES, "n"));
            expectAck(pub, PacketType.PUBACK, 1, 0x10);
            try (RawClient sys = Raw.connect5(broker, "sys")) {
                Raw.subscribe5(sys, "$SYS/#", 0);
                Mqtt5Publish first = nextPublish(sys);
                assertThat(first.topic()).startsWith("$SYS/");
                assertThat(first.retain()).isTrue();
            }
            try (RawClient all = Raw.connect5(broker, "all")) {
                Raw.subscribe5(all, "#", 0);
                Mqtt5Publish only = nextPublish(all);
                assertThat(only.topic()).isEqualTo("normal/x");
                Raw.subscribe5(all, "+/broker/#", 0);
                all.assertNothingReceived(Duration.ofMillis(1200)); // spans a $SYS interval: live $SYS messages must not match either
            }
        }
    }

    @Test
    @DisplayName("retained messages, their properties and their clearing survive a restart with the RocksDB store (MQTT5 4.1)")
    void retainedMessagesSurviveRestartWithDurableStore(@TempDir Path dir) {
        byte[] props = concat(property(0x03, Packets.utf8("text/plain")),
                property(0x26, concat(Packets.utf8("k"), Packets.utf8("v"))));
        try (TestBroker broker = TestBroker.builder().rocksDb(dir).start(); RawClient pub = Raw.connect5(broker, "pub")) {
            pub.send(publish5("dur/kept", 1, true, 1, props, "survives"));
            expectAck(pub, PacketType.PUBACK, 1, 0x10);
            pub.send(publish5("dur/gone", 1, true, 2, NO_PROPERTIES, "cleared later"));
            expectAck(pub, PacketType.PUBACK, 2, 0x10);
            pub.send(publish5("dur/gone", 1, true, 3, NO_PROPERTIES, ""));
            expectAck(pub, PacketType.PUBACK, 3, 0x10);
        }
        try (TestBroker broker = TestBroker.builder().rocksDb(dir).start(); RawClient sub = Raw.connect5(broker, "sub")) {
            Raw.subscribe5(sub, "dur/#", 1);
            Mqtt5Publish got = nextPublish(sub);
            assertThat(got.topic()).isEqualTo("dur/kept");
            assertThat(got.payloadText()).isEqualTo("survives");
            assertThat(got.retain()).isTrue();
            assertThat(got.qos()).isEqualTo(1);
            assertThat(got.property(Mqtt5Publish.CONTENT_TYPE)).isEqualTo("text/plain");
            assertThat(got.properties().get(Mqtt5Publish.USER_PROPERTY)).containsExactly("k=v");
            sub.send(Packets.puback(got.packetId()));
            sub.assertNothingReceived(QUIET);
        }
    }

    /** A subscriber connected after a retained QoS 0 "retained" was stored on {@code topic}. */
    private static RawClient withRetained(TestBroker broker, String topic) {
        try (RawClient pub = Raw.connect5(broker, "pub")) {
            pub.send(publish5(topic, 1, true, 1, NO_PROPERTIES, "retained"));
            expectAck(pub, PacketType.PUBACK, 1, 0x10);
        }
        return Raw.connect5(broker, "sub");
    }

    private static List<String> topics(RawClient sub, int n) {
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Mqtt5Publish p = nextPublish(sub);
            assertThat(p.retain()).isTrue();
            topics.add(p.topic());
        }
        return topics;
    }
}
