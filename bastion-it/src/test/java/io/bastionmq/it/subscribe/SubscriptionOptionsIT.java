package io.bastionmq.it.subscribe;

import static io.bastionmq.it.subscribe.Wire.NO_LOCAL;
import static io.bastionmq.it.subscribe.Wire.RETAIN_AS_PUBLISHED;
import static io.bastionmq.it.subscribe.Wire.RETAIN_HANDLING_IF_NEW;
import static io.bastionmq.it.subscribe.Wire.RETAIN_HANDLING_NEVER;
import static io.bastionmq.it.subscribe.Wire.sub;
import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.it.support.TestBroker;
import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.Packets;
import io.bastionmq.testkit.RawClient;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * MQTT 5 subscription options and identifiers as a subscriber sees them (MQTT5 3.8.2.1.2,
 * 3.8.3.1, 3.3.4), byte-exact with {@link RawClient}.
 */
class SubscriptionOptionsIT {
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final byte[] NONE = new byte[0];

    @Test
    @DisplayName("MQTT-3.3.4-3: a matching message carries the subscription's identifier; none without one")
    void deliversSubscriptionIdentifierWithMatchingMessages() {
        try (TestBroker broker = TestBroker.start();
                RawClient withId = Wire.connect5(broker, "with");
                RawClient without = Wire.connect5(broker, "without");
                RawClient pub = Wire.connect5(broker, "pub")) {
            assertThat(Wire.subscribe5(withId, 1, Wire.subscriptionId(7), sub("id/#", 1))).containsExactly(0x01);
            assertThat(Wire.subscribe5(without, 1, NONE, sub("id/#", 1))).containsExactly(0x01);
            pub.send(Packets.publish5("id/a", 1, false, 1, NONE, "p".getBytes())).expect(PacketType.PUBACK);
            assertThat(Wire.readPublish(withId, true).subscriptionIds()).containsExactly(7);
            assertThat(Wire.readPublish(without, true).values(Wire.SUBSCRIPTION_IDENTIFIER)).isEmpty();
        }
    }

    @Test
    @DisplayName("MQTT5 3.8.2.1.2: the largest identifier, 268,435,455, comes back as a four-byte Variable Byte Integer")
    void deliversTheLargestSubscriptionIdentifier() {
        try (TestBroker broker = TestBroker.start();
                RawClient sub = Wire.connect5(broker, "big");
                RawClient pub = Wire.connect5(broker, "pub")) {
            assertThat(Wire.subscribe5(sub, 1, Wire.subscriptionId(Packets.VBI_MAX), sub("big/x", 0)))
                    .containsExactly(0x00);
            pub.send(Packets.publish5("big/x", 0, false, 0, NONE, new byte[0]));
            // 30 rl | 00 05 'big/x' | 05 (props) | 0b ff ff ff 7f
            assertThat(sub.expect(PacketType.PUBLISH).hex()).isEqualTo("30 0d 00 05 62 69 67 2f 78 05 0b ff ff ff 7f");
        }
    }

    @Test
    @DisplayName("MQTT-3.3.4-2, -4: overlapping subscriptions give one copy, at the highest QoS, with every identifier")
    void overlappingSubscriptionsGiveOneDeliveryAtHighestQosWithAllIdentifiers() {
        try (TestBroker broker = TestBroker.start();
                RawClient sub = Wire.connect5(broker, "ov");
                RawClient pub = Wire.connect5(broker, "pub")) {
            assertThat(Wire.subscribe5(sub, 1, Wire.subscriptionId(1), sub("ov/#", 0))).containsExactly(0x00);
            assertThat(Wire.subscribe5(sub, 2, Wire.subscriptionId(2), sub("ov/+", 2))).containsExactly(0x02);
            assertThat(Wire.subscribe5(sub, 3, NONE, sub("ov/x", 1))).containsExactly(0x01);
            pub.send(Packets.publish5("ov/x", 2, false, 5, NONE, "one".getBytes())).expect(PacketType.PUBREC);
            Wire.Publish got = Wire.readPublish(sub, true);
            assertThat(got.qos()).isEqualTo(2);
            assertThat(got.subscriptionIds()).containsExactlyInAnyOrder(1, 2);
            sub.assertNothingReceived(QUIET);
        }
    }

    @Test
    @DisplayName("MQTT-3.3.4-2 (3.1.1 MQTT-3.3.5-1): overlapping subscriptions deliver at the highest granted QoS")
    void overlappingSubscriptionsDeliverAtHighestQos311() {
        try (TestBroker broker = TestBroker.start();
                RawClient sub = Wire.connect311(broker, "ov3");
                RawClient pub = Wire.connect311(broker, "pub")) {
            assertThat(Wire.subscribe311(sub, 1, sub("o3/#", 1), sub("o3/+", 0))).containsExactly(0x01, 0x00);
            pub.send(Packets.publish311("o3/x", 2, false, 5, "one".getBytes())).expect(PacketType.PUBREC);
            assertThat(Wire.readPublish(sub, false).qos()).isEqualTo(1);
            sub.assertNothingReceived(QUIET);
        }
    }

    @Test
    @DisplayName("MQTT5 3.8.2.1.2: subscribing again with another identifier replaces it; without one removes it")
    void resubscribingReplacesTheSubscriptionIdentifier() {
        try (TestBroker broker = TestBroker.start();
                RawClient sub = Wire.connect5(broker, "rid");
                RawClient pub = Wire.connect5(broker, "pub")) {
            Wire.subscribe5(sub, 1, Wire.subscriptionId(5), sub("rid/x", 0));
            Wire.subscribe5(sub, 2, Wire.subscriptionId(6), sub("rid/x", 0));
            pub.send(Packets.publish5("rid/x", 0, false, 0, NONE, "a".getBytes()));
            assertThat(Wire.readPublish(sub, true).subscriptionIds()).containsExactly(6);
            Wire.subscribe5(sub, 3, NONE, sub("rid/x", 0));
            pub.send(Packets.publish5("rid/x", 0, false, 0, NONE, "b".getBytes()));
            assertThat(Wire.readPublish(sub, true).subscriptionIds()).isEmpty();
        }
    }

    @Test
    @DisplayName("MQTT5 3.8.2.1.2: a Subscription Identifier of 0 is a protocol error")
    void disconnectsOnSubscriptionIdentifierZero() {
        try (TestBroker broker = TestBroker.start(); RawClient c = Wire.connect5(broker, "zero")) {
            c.send(Wire.subscribe5(1, Wire.subscriptionId(0), sub("z/x", 0)));
            c.expectDisconnect(0x82);
        }
    }

    @Test
    @DisplayName("MQTT-3.3.4-3: a retained message sent because of a new subscription carries its identifier")
    void retainedMessageOnSubscribeCarriesTheSubscriptionIdentifier() {
        try (TestBroker broker = TestBroker.start();
                RawClient sub = Wire.connect5(broker, "rsid");
                RawClient pub = Wire.connect5(broker, "pub")) {
            pub.send(Packets.publish5("rs/x", 1, true, 1, NONE, "kept".getBytes())).expect(PacketType.PUBACK);
            Wire.subscribe5(sub, 1, Wire.subscriptionId(42), sub("rs/+", 1));
            Wire.Publish got = Wire.readPublish(sub, true);
            assertThat(got.retain()).isTrue();
            assertThat(got.subscriptionIds()).containsExactly(42);
        }
    }

    @Test
    @DisplayName("MQTT-3.8.3-3: with No Local the client's own messages are not sent back; others' are")
    void noLocalSuppressesOwnMessagesOnly() {
        try (TestBroker broker = TestBroker.start();
                RawClient self = Wire.connect5(broker, "self");
                RawClient other = Wire.connect5(broker, "other")) {
            assertThat(Wire.subscribe5(self, 1, NONE, sub("nl/#", 1 | NO_LOCAL))).containsExactly(0x01);
            assertThat(Wire.subscribe5(other, 1, NONE, sub("nl/#", 1))).containsExactly(0x01);
            // Had the broker routed it back, the PUBLISH would precede the PUBACK on this connection.
            self.send(Packets.publish5("nl/mine", 1, false, 1, NONE, "mine".getBytes()));
            assertThat(self.readPacket().type()).as("first packet after own PUBLISH").isEqualTo(PacketType.PUBACK);
            Wire.Publish atOther = Wire.readPublish(other, true);
            assertThat(atOther.topic()).isEqualTo("nl/mine");
            other.send(Packets.puback(atOther.packetId()));
            try (RawClient third = Wire.connect5(broker, "third")) {
                third.send(Packets.publish5("nl/theirs", 1, false, 2, NONE, "theirs".getBytes()));
                third.expect(PacketType.PUBACK);
            }
            assertThat(Wire.readPublish(self, true).topic()).isEqualTo("nl/theirs");
            self.assertNothingReceived(QUIET);
        }
    }

    @Test
    @DisplayName("MQTT-3.8.3-3, MQTT-3.3.4-2: an overlapping subscription without No Local still delivers own messages once")
    void noLocalOnOneOfTwoOverlappingSubscriptionsStillDeliversOnce() {
        try (TestBroker broker = TestBroker.start(); RawClient self = Wire.connect5(broker, "mix")) {
            Wire.subscribe5(self, 1, Wire.subscriptionId(1), sub("mx/#", 1 | NO_LOCAL));
            Wire.subscribe5(self, 2, Wire.subscriptionId(2), sub("mx/+", 0));
            self.send(Packets.publish5("mx/a", 0, false, 0, NONE, "x".getBytes()));
            Wire.Publish got = Wire.readPublish(self, true);
            assertThat(got.qos()).as("only the QoS 0 subscription matched").isZero();
            assertThat(got.subscriptionIds()).containsExactly(2);
            self.assertNothingReceived(QUIET);
        }
    }

    @Test
    @DisplayName("MQTT-3.8.3-4: No Local on a shared subscription is a protocol error")
    void disconnectsOnNoLocalSharedSubscription() {
        try (TestBroker broker = TestBroker.start(); RawClient c = Wire.connect5(broker, "nls")) {
            c.send(Wire.subscribe5(1, NONE, sub("$share/g/nl/x", 1 | NO_LOCAL)));
            c.expectDisconnect(0x82);
        }
    }

    @Test
    @DisplayName("MQTT-3.3.1-12, -13: RETAIN is passed on only to Retain As Published subscriptions")
    void retainAsPublishedKeepsTheRetainFlagOnLiveMessages() {
        try (TestBroker broker = TestBroker.start();
                RawClient rap = Wire.connect5(broker, "rap");
                RawClient plain = Wire.connect5(broker, "plain");
                RawClient pub = Wire.connect5(broker, "pub")) {
            Wire.subscribe5(rap, 1, NONE, sub("rap/#", 1 | RETAIN_AS_PUBLISHED));
            Wire.subscribe5(plain, 1, NONE, sub("rap/#", 1));
            pub.send(Packets.publish5("rap/r", 1, true, 1, NONE, "r".getBytes())).expect(PacketType.PUBACK);
            pub.send(Packets.publish5("rap/n", 1, false, 2, NONE, "n".getBytes())).expect(PacketType.PUBACK);
            Wire.Publish r1 = Wire.readPublish(rap, true);
            Wire.Publish r2 = Wire.readPublish(rap, true);
            assertThat(r1.topic() + ":" + r1.retain() + "," + r2.topic() + ":" + r2.retain())
                    .isEqualTo("rap/r:true,rap/n:false");
            Wire.Publish p1 = Wire.readPublish(plain, true);
            Wire.Publish p2 = Wire.readPublish(plain, true);
            assertThat(p1.topic() + ":" + p1.retain() + "," + p2.topic() + ":" + p2.retain())
                    .isEqualTo("rap/r:false,rap/n:false");
            // Retained messages sent on subscribe always carry RETAIN = 1, whatever the option (MQTT-3.3.1-9 note).
            try (RawClient late = Wire.connect5(broker, "late")) {
                Wire.subscribe5(late, 1, NONE, sub("rap/r", 0));
                assertThat(Wire.readPublish(late, true).retain()).isTrue();
            }
        }
    }

    @Test
    @DisplayName("MQTT-3.3.1-9, -10, -11: Retain Handling 0 always, 1 only for a new subscription, 2 never sends retained")
    void retainHandlingDecidesWhenRetainedMessagesAreSent() {
        try (TestBroker broker = TestBroker.start();
                RawClient sub = Wire.connect5(broker, "rh");
                RawClient pub = Wire.connect5(broker, "pub")) {
            pub.send(Packets.publish5("rh/x", 1, true, 1, NONE, "kept".getBytes())).expect(PacketType.PUBACK);

            Wire.subscribe5(sub, 1, NONE, sub("rh/+", RETAIN_HANDLING_NEVER));
            sub.assertNothingReceived(QUIET);

            Wire.subscribe5(sub, 2, NONE, sub("rh/#", RETAIN_HANDLING_IF_NEW));
            assertThat(Wire.readPublish(sub, true).payloadText()).isEqualTo("kept");
            Wire.subscribe5(sub, 3, NONE, sub("rh/#", RETAIN_HANDLING_IF_NEW));
            sub.assertNothingReceived(QUIET);

            Wire.subscribe5(sub, 4, NONE, sub("rh/#", 0));
            assertThat(Wire.readPublish(sub, true).payloadText()).isEqualTo("kept");
            Wire.subscribe5(sub, 5, NONE, sub("rh/#", 0));
            assertThat(Wire.readPublish(sub, true).payloadText()).isEqualTo("kept");
        }
    }
}
