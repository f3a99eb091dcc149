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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * UNSUBSCRIBE (MQTT5 3.10, 3.11): the per-filter UNSUBACK codes at each protocol level, literal
 * filter comparison, delivery stopping (and in-flight deliveries completing), malformed packets.
 */
class UnsubscribeIT {
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final byte[] NONE = new byte[0];

    @Test
    @DisplayName("MQTT-3.10.4-1, -2, -4, -5, MQTT-3.11.3-1, -2: UNSUBACK 0x00 / 0x11 per filter in order, then no more messages")
    void unsubscribeAnswersPerFilterAndStopsDeliveryV5() {
        try (TestBroker broker = TestBroker.start();
                RawClient sub = Wire.connect5(broker, "un5");
                RawClient pub = Wire.connect5(broker, "pub")) {
            assertThat(Wire.subscribe5(sub, 1, NONE, sub("u/a", 0), sub("u/+", 0))).containsExactly(0x00, 0x00);
            sub.send(Wire.unsubscribe(0x4242, true, "u/never", "u/a", "u/+", "u/a"));
            assertThat(Wire.unsubAckCodes(sub.expect(PacketType.UNSUBACK), 0x4242))
                    .containsExactly(0x11, 0x00, 0x00, 0x11);
            pub.send(Packets.publish5("u/a", 1, false, 1, NONE, "late".getBytes())).expect(PacketType.PUBACK);
            sub.assertNothingReceived(QUIET);
        }
    }

    @Test
    @DisplayName("MQTT-3.10.4-4, -5 (3.1.1): a plain UNSUBACK with the packet id, even when nothing was subscribed")
    void unsubscribeAnswersWithPlainUnsubAckAndStopsDelivery311() {
        try (TestBroker broker = TestBroker.start();
                RawClient sub = Wire.connect311(broker, "un3");
                RawClient pub = Wire.connect311(broker, "pub")) {
            sub.send(Wire.unsubscribe(0x0101, false, "nothing/here"));
            assertThat(sub.expect(PacketType.UNSUBACK).hex()).isEqualTo("b0 02 01 01");
            assertThat(Wire.subscribe311(sub, 2, sub("u3/#", 1))).containsExactly(0x01);
            pub.send(Packets.publish311("u3/x", 0, false, 0, "before".getBytes()));
            assertThat(Wire.readPublish(sub, false).payloadText()).isEqualTo("before");
            sub.send(Wire.unsubscribe(0x0202, false, "u3/#"));
            assertThat(sub.expect(PacketType.UNSUBACK).hex()).isEqualTo("b0 02 02 02");
            pub.send(Packets.publish311("u3/x", 1, false, 3, "after".getBytes())).expect(PacketType.PUBACK);
            sub.assertNothingReceived(QUIET);
        }
    }

    @Test
    @DisplayName("MQTT-3.10.4-1: UNSUBSCRIBE matches the filter character by character; a wider filter removes nothing")
    void unsubscribeComparesFiltersLiterally() {
        try (TestBroker broker = TestBroker.start();
                RawClient sub = Wire.connect5(broker, "lit");
                RawClient pub = Wire.connect5(broker, "pub")) {
            assertThat(Wire.subscribe5(sub, 1, NONE, sub("l/x", 0))).containsExactly(0x00);
            sub.send(Wire.unsubscribe(2, true, "l/+", "l/#", "L/x"));
            assertThat(Wire.unsubAckCodes(sub.expect(PacketType.UNSUBACK), 2)).containsExactly(0x11, 0x11, 0x11);
            pub.send(Packets.publish5("l/x", 0, false, 0, NONE, "still".getBytes()));
            assertThat(Wire.readPublish(sub, true).payloadText()).isEqualTo("still");
        }
    }

    /**
     * Topic matching over the wire (MQTT-4.7.1-1 to -3, MQTT 5 4.7): one 3.1.1 subscriber per filter,
     * one publisher sends every topic and then an end marker. Messages of one publisher arrive in
     * order (MQTT 4.6), so when a subscriber sees its marker it has seen everything it will get.
     */

    @Test
    @DisplayName("MQTT-3.10.4-3: a QoS 1 message in flight when the subscription is removed is still completed")
    void completesInFlightDeliveryAfterUnsubscribe() {
        byte[] expiry = property(Wire.SESSION_EXPIRY_INTERVAL, u32(60));
        try (TestBroker broker = TestBroker.start(); RawClient pub = Wire.connect5(broker, "pub")) {
            int packetId;
            try (RawClient sub = Wire.connect5(broker, "inflight", expiry)) {
                Wire.subscribe5(sub, 1, NONE, sub("if/x", 1));
                pub.send(Packets.publish5("if/x", 1, false, 1, NONE, "m".getBytes())).expect(PacketType.PUBACK);
                packetId = Wire.readPublish(sub, true).packetId();
                sub.send(Wire.unsubscribe(2, true, "if/x"));
                assertThat(Wire.unsubAckCodes(sub.expect(PacketType.UNSUBACK), 2)).containsExactly(0x00);
            }
            // Connection lost before the PUBACK: the resumed session must send the message again (MQTT-4.4.0-1).
            try (RawClient again = RawClient.connect("127.0.0.1", broker.port())) {
                again.send(Packets.connect5("inflight", false, 60, expiry)).expectConnAck(0x00);
                Wire.Publish resent = Wire.readPublish(again, true);
                assertThat(resent.packetId()).isEqualTo(packetId);
                assertThat(resent.dup()).isTrue();
                again.send(Packets.puback(packetId));
                pub.send(Packets.publish5("if/x", 1, false, 2, NONE, "later".getBytes())).expect(PacketType.PUBACK);
                again.assertNothingReceived(QUIET);
            }
        }
    }

    /** As {@link #matchesTopicsAgainstFiltersAsTheSpecificationSays}, for retained messages sent on subscribe. */

    @Test
    @DisplayName("MQTT5 3.11.3: UNSUBSCRIBE of a syntactically invalid filter gets 0x8F, valid neighbours are processed")
    void unsubscribeOfInvalidFilterGets0x8F() {
        try (TestBroker broker = TestBroker.start(); RawClient c = Wire.connect5(broker, "ui")) {
            Wire.subscribe5(c, 1, NONE, sub("ui/x", 0));
            c.send(Wire.unsubscribe(2, true, "ui/#/x", "ui/x", "a+"));
            assertThat(Wire.unsubAckCodes(c.expect(PacketType.UNSUBACK), 2)).containsExactly(0x8f, 0x00, 0x8f);
        }
    }

    @Test
    @DisplayName("MQTT-3.10.4-1, -5: a shared subscription is removed by its full $share filter, once")
    void unsubscribesSharedSubscription() {
        try (TestBroker broker = TestBroker.start();
                RawClient c = Wire.connect5(broker, "us");
                RawClient pub = Wire.connect5(broker, "pub")) {
            Wire.subscribe5(c, 1, NONE, sub("$share/g/us/x", 0));
            c.send(Wire.unsubscribe(2, true, "us/x", "$share/other/us/x", "$share/g/us/x", "$share/g/us/x"));
            assertThat(Wire.unsubAckCodes(c.expect(PacketType.UNSUBACK), 2)).containsExactly(0x11, 0x11, 0x00, 0x11);
            pub.send(Packets.publish5("us/x", 1, false, 1, NONE, new byte[0])).expect(PacketType.PUBACK);
            c.assertNothingReceived(QUIET);
        }
    }

    @Test
    @DisplayName("MQTT-3.10.3-2, MQTT-3.10.1-1: UNSUBSCRIBE without filters or with wrong fixed-header flags is refused")
    void rejectsMalformedUnsubscribe() {
        try (TestBroker broker = TestBroker.start();
                RawClient v5 = Wire.connect5(broker, "u5");
                RawClient v3 = Wire.connect311(broker, "u3");
                RawClient flags = Wire.connect311(broker, "uf")) {
            v5.send(Packets.packet(0xa2, Packets.u16(1), Packets.properties(NONE)));
            v5.expectDisconnect(0x82);
            v3.send(Hex.parse("a2 02 00 01"));
            v3.expectClosed();
            byte[] wrong = Wire.unsubscribe(1, false, "x");
            wrong[0] = (byte) 0xa0;
            flags.send(wrong);
            flags.expectClosed();
        }
    }
}
