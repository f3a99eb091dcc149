package io.bastionmq.it.publish;

import static io.bastionmq.it.publish.Raw.NO_PROPERTIES;
import static io.bastionmq.it.publish.Raw.expectAck;
import static io.bastionmq.it.publish.Raw.messageExpiry;
import static io.bastionmq.it.publish.Raw.nextPublish;
import static io.bastionmq.it.publish.Raw.publish5;
import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.it.support.TestBroker;
import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.Packets;
import io.bastionmq.testkit.RawClient;
import io.bastionmq.testkit.RawPacket;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Message Expiry Interval (MQTT5 3.3.2.3.3). The waits here are the passage of time the tests are
 * about (an interval of 1 s must elapse), not synchronisation: every message is acknowledged
 * before the clock starts.
 */
class ExpiryIT {
    private static final Duration QUIET = Duration.ofMillis(400);

    @Test
    @DisplayName("an expired message queued for an offline session is dropped; a live one arrives with the remaining interval (MQTT-3.3.2-5, MQTT-3.3.2-6)")
    void dropsExpiredAndForwardsRemainingIntervalForOfflineSession() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            try (RawClient sub = Raw.connect5(broker, "offline", Raw.sessionExpiry(60))) {
                Raw.subscribe5(sub, "exp/#", 1);
                sub.send(Packets.disconnect5(0x00)).expectClosed();
            }
            try (RawClient pub = Raw.connect5(broker, "pub")) {
                pub.send(publish5("exp/short", 1, false, 1, messageExpiry(1), "short"));
                expectAck(pub, PacketType.PUBACK, 1, 0x00);
                pub.send(publish5("exp/long", 1, false, 2, messageExpiry(30), "long"));
                expectAck(pub, PacketType.PUBACK, 2, 0x00);
                pub.send(publish5("exp/none", 1, false, 3, NO_PROPERTIES, "none"));
                expectAck(pub, PacketType.PUBACK, 3, 0x00);
            }
            Thread.sleep(2_100); // "short" expires; "long" waits at least 2 s

            try (RawClient sub = RawClient.connect("127.0.0.1", broker.port())) {
                RawPacket connack = sub.send(Packets.connect5("offline", false, 60, Raw.sessionExpiry(60))).expectConnAck(0x00);
                assertThat(connack.sessionPresent()).isTrue();
                Mqtt5Publish first = nextPublish(sub);
                assertThat(first.payloadText()).isEqualTo("long");
                assertThat((Long) first.property(Mqtt5Publish.MESSAGE_EXPIRY_INTERVAL)).isBetween(1L, 28L);
                sub.send(Packets.puback(first.packetId()));
                Mqtt5Publish second = nextPublish(sub);
                assertThat(second.payloadText()).isEqualTo("none");
                assertThat(second.property(Mqtt5Publish.MESSAGE_EXPIRY_INTERVAL)).isNull();
                sub.send(Packets.puback(second.packetId()));
                sub.assertNothingReceived(QUIET);
            }
        }
    }

    @Test
    @DisplayName("a connected subscriber receives the Message Expiry Interval, no more than was sent (MQTT-3.3.2-6)")
    void forwardsMessageExpiryIntervalToConnectedSubscriber() {
        try (TestBroker broker = TestBroker.start();
             RawClient sub = Raw.connect5(broker, "sub");
             RawClient pub = Raw.connect5(broker, "pub")) {
            Raw.subscribe5(sub, "exp/live", 0);
            pub.send(publish5("exp/live", 0, false, 0, messageExpiry(120), "x"));
            assertThat((Long) nextPublish(sub).property(Mqtt5Publish.MESSAGE_EXPIRY_INTERVAL)).isBetween(1L, 120L);
        }
    }

    @Test
    @DisplayName("a message that expires while held back by the client's Receive Maximum is not sent (MQTT5 3.3.2.3.3)")
    void dropsMessageThatExpiresWhileWaitingForTheFlowControlWindow() throws Exception {
        try (TestBroker broker = TestBroker.start();
             RawClient sub = Raw.connect5(broker, "sub", Raw.receiveMaximum(1));
             RawClient pub = Raw.connect5(broker, "pub")) {
            Raw.subscribe5(sub, "exp/window", 1);
            pub.send(publish5("exp/window", 1, false, 1, NO_PROPERTIES, "holds the window"));
            expectAck(pub, PacketType.PUBACK, 1, 0x00);
            pub.send(publish5("exp/window", 1, false, 2, messageExpiry(1), "expires in the queue"));
            expectAck(pub, PacketType.PUBACK, 2, 0x00);
            pub.send(publish5("exp/window", 1, false, 3, NO_PROPERTIES, "after"));
            expectAck(pub, PacketType.PUBACK, 3, 0x00);

            Mqtt5Publish first = nextPublish(sub);
            assertThat(first.payloadText()).isEqualTo("holds the window");
            Thread.sleep(1_500);
            sub.send(Packets.puback(first.packetId()));
            Mqtt5Publish next = nextPublish(sub);
            assertThat(next.payloadText()).isEqualTo("after");
        }
    }

    @Test
    @DisplayName("a retained message disappears when its Message Expiry Interval has passed (MQTT5 3.3.2.3.3)")
    void retainedMessageDisappearsAfterItsExpiry() throws Exception {
        try (TestBroker broker = TestBroker.start(); RawClient pub = Raw.connect5(broker, "pub")) {
            pub.send(publish5("exp/ret", 1, true, 1, messageExpiry(1), "brief"));
            expectAck(pub, PacketType.PUBACK, 1, 0x10);
            pub.send(publish5("exp/keep", 1, true, 2, messageExpiry(60), "stays"));
            expectAck(pub, PacketType.PUBACK, 2, 0x10);
            try (RawClient early = Raw.connect5(broker, "early")) {
                Raw.subscribe5(early, "exp/ret", 0);
                Mqtt5Publish got = nextPublish(early);
                assertThat(got.payloadText()).isEqualTo("brief");
                assertThat(got.retain()).isTrue();
                assertThat((Long) got.property(Mqtt5Publish.MESSAGE_EXPIRY_INTERVAL)).isEqualTo(1L);
            }
            Thread.sleep(1_500);
            try (RawClient late = Raw.connect5(broker, "late")) {
                Raw.subscribe5(late, "exp/#", 0);
                Mqtt5Publish got = nextPublish(late);
                assertThat(got.payloadText()).isEqualTo("stays");
                assertThat((Long) got.property(Mqtt5Publish.MESSAGE_EXPIRY_INTERVAL)).isBetween(1L, 59L);
                late.assertNothingReceived(QUIET);
            }
        }
    }
}
