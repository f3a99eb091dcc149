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

/**
 * PUBLISH packets the broker must refuse, and how it says so at each protocol level: forbidden
 * topics, malformed flags and packet ids, properties a client may not send, and features the
 * broker does not offer (MQTT5 3.3, 4.7, 4.13).
 */
class PublishRefusalsIT {
    private static final Duration QUIET = Duration.ofMillis(400);

    @Test
    @DisplayName("a client's PUBLISH to a $-topic is refused (PUBACK 0x87) and not delivered (MQTT5 4.7.2)")
    void refusesPublishToDollarTopic() {
        try (TestBroker broker = TestBroker.start();
             RawClient sub = Raw.connect5(broker, "sub");
             RawClient pub = Raw.connect5(broker, "pub")) {
            Raw.subscribe5(sub, "$SYS/fake/#", 1);
            pub.send(publish5("$SYS/fake/x", 1, false, 9, NO_PROPERTIES, "forged"));
            expectAck(pub, PacketType.PUBACK, 9, 0x87);
            pub.send(publish5("$SYS/fake/x", 2, false, 10, NO_PROPERTIES, "forged"));
            expectAck(pub, PacketType.PUBREC, 10, 0x87);
            pub.send(publish5("$SYS/fake/x", 0, false, 0, NO_PROPERTIES, "forged"));
            sub.assertNothingReceived(QUIET);
        }
    }

    @ParameterizedTest(name = "topic \"{0}\"")
    @ValueSource(strings = {"a/+", "a/#", "+", "#", "a/b+c", "a/b#"})
    @DisplayName("a PUBLISH whose topic has a wildcard: MQTT 5 DISCONNECT 0x90, 3.1.1 close (MQTT-3.3.2-2)")
    void disconnectsOnWildcardInPublishTopic(String topic) {
        try (TestBroker broker = TestBroker.start();
             RawClient sub = Raw.connect5(broker, "sub");
             RawClient v5 = Raw.connect5(broker, "v5");
             RawClient v3 = Raw.connect311(broker, "v3")) {
            Raw.subscribe5(sub, "#", 0);
            v5.send(publish5(topic, 0, false, 0, NO_PROPERTIES, "x")).expectDisconnect(0x90);
            v3.send(Packets.publish311(topic, 1, false, 1, utf8("x"))).expectClosed();
            sub.assertNothingReceived(QUIET);
        }
    }

    @Test
    @DisplayName("Payload Format Indicator 1 with invalid UTF-8: PUBACK/PUBREC 0x99 at QoS 1/2, DISCONNECT 0x99 at QoS 0 (MQTT5 3.3.2.3.2)")
    void rejectsPayloadThatIsNotTheAnnouncedUtf8() {
        byte[] utf8Announced = property(0x01, bytes(1));
        byte[] invalid = bytes(0x61, 0xc3, 0x28); // 0xC3 starts a 2-byte sequence; 0x28 is no continuation
        try (TestBroker broker = TestBroker.start();
             RawClient sub = Raw.connect5(broker, "sub");
             RawClient pub = Raw.connect5(broker, "pub")) {
            Raw.subscribe5(sub, "pfi/#", 2);
            pub.send(Packets.publish5("pfi/x", 1, false, 1, utf8Announced, invalid));
            expectAck(pub, PacketType.PUBACK, 1, 0x99);
            pub.send(Packets.publish5("pfi/x", 2, false, 2, utf8Announced, invalid));
            expectAck(pub, PacketType.PUBREC, 2, 0x99);
            pub.send(Packets.publish5("pfi/x", 0, false, 0, utf8Announced, invalid)).expectDisconnect(0x99);
            sub.assertNothingReceived(QUIET);
        }
    }

    @Test
    @DisplayName("CONNACK announces Maximum QoS 1, and a QoS 2 PUBLISH then gets DISCONNECT 0x9B (MQTT-3.2.2-11, MQTT5 3.2.2.3.4)")
    void disconnectsPublishAboveMaximumQos() {
        try (TestBroker broker = TestBroker.builder().maximumQos(1).start();
             RawClient sub = Raw.connect5(broker, "sub");
             RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
            RawPacket connack = c.send(Packets.connect5("c")).expectConnAck(0x00);
            assertThat(Mqtt5Publish.properties(connack, 2)).containsEntry(0x24, List.of(1));
            Raw.subscribe5(sub, "q/#", 2, 0x01); // the granted QoS is capped at the maximum (MQTT5 3.2.2.3.4)
            c.send(publish5("q/x", 1, false, 1, NO_PROPERTIES, "ok"));
            expectAck(c, PacketType.PUBACK, 1, 0x00);
            assertThat(nextPublish(sub).qos()).isEqualTo(1);
            c.send(publish5("q/x", 2, false, 2, NO_PROPERTIES, "too high")).expectDisconnect(0x9B);
            sub.assertNothingReceived(QUIET);
        }
    }

    @Test
    @DisplayName("CONNACK announces Retain Available 0, and a retained PUBLISH then gets DISCONNECT 0x9A (MQTT-3.2.2-14, MQTT5 3.3.1.3)")
    void disconnectsRetainedPublishWhenRetainIsUnavailable() {
        try (TestBroker broker = TestBroker.builder().retainAvailable(false).start();
             RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
            RawPacket connack = c.send(Packets.connect5("c")).expectConnAck(0x00);
            assertThat(Mqtt5Publish.properties(connack, 2)).containsEntry(0x25, List.of(0));
            c.send(publish5("r/x", 0, true, 0, NO_PROPERTIES, "keep me")).expectDisconnect(0x9A);
        }
    }

    @Test
    @DisplayName("a PUBLISH from a client carrying a Subscription Identifier gets DISCONNECT 0x82 (MQTT-3.3.4-6)")
    void disconnectsPublishWithSubscriptionIdentifier() {
        try (TestBroker broker = TestBroker.start(); RawClient c = Raw.connect5(broker, "c")) {
            c.send(publish5("sid/x", 1, false, 1, property(0x0B, bytes(5)), "x")).expectDisconnect(0x82);
        }
    }

    @Test
    @DisplayName("a PUBLISH with both QoS bits set is malformed: DISCONNECT 0x81 (MQTT-3.3.1-4)")
    void disconnectsPublishWithQos3() {
        try (TestBroker broker = TestBroker.start();
             RawClient v5 = Raw.connect5(broker, "v5");
             RawClient v3 = Raw.connect311(broker, "v3")) {
            v5.send(publish5("q3", 3, false, 1, NO_PROPERTIES, "x")).expectDisconnect(0x81);
            v3.send(Packets.publish311("q3", 3, false, 1, utf8("x"))).expectClosed();
        }
    }

    @Test
    @DisplayName("a QoS 0 PUBLISH with DUP=1 is malformed: DISCONNECT 0x81 (MQTT-3.3.1-2)")
    void disconnectsQos0PublishWithDup() {
        try (TestBroker broker = TestBroker.start(); RawClient c = Raw.connect5(broker, "c")) {
            c.send(Raw.withDup(publish5("dup0", 0, false, 0, NO_PROPERTIES, "x"))).expectDisconnect(0x81);
        }
    }

    @Test
    @DisplayName("a QoS 1 PUBLISH with packet id 0 is malformed (MQTT-2.2.1-3)")
    void disconnectsQos1PublishWithPacketIdZero() {
        try (TestBroker broker = TestBroker.start(); RawClient c = Raw.connect5(broker, "c")) {
            c.send(publish5("id0", 1, false, 0, NO_PROPERTIES, "x"));
            RawPacket disconnect = c.expect(PacketType.DISCONNECT);
            assertThat(disconnect.reasonCode()).isIn(0x81, 0x82);
            c.expectClosed();
        }
    }

    @Test
    @DisplayName("a topic name containing U+0000 is a malformed packet: DISCONNECT 0x81 (MQTT-1.5.4-2)")
    void disconnectsOnNullCharacterInTopic() {
        try (TestBroker broker = TestBroker.start(); RawClient c = Raw.connect5(broker, "c")) {
            c.send(publish5("a\u0000b", 0, false, 0, NO_PROPERTIES, "x")).expectDisconnect(0x81);
        }
    }

    @Test
    @DisplayName("a 3.1.1 PUBLISH with an empty topic name is closed (MQTT-4.7.3-1)")
    void closes311ConnectionOnEmptyTopic() {
        try (TestBroker broker = TestBroker.start(); RawClient c = Raw.connect311(broker, "c")) {
            c.send(Packets.publish311("", 0, false, 0, utf8("x"))).expectClosed();
        }
    }

    @Test
    @DisplayName("a Response Topic with a wildcard is a protocol error: DISCONNECT 0x82 (MQTT-3.3.2-14)")
    void disconnectsOnWildcardInResponseTopic() {
        try (TestBroker broker = TestBroker.start(); RawClient c = Raw.connect5(broker, "c")) {
            c.send(publish5("req", 1, false, 1, property(0x08, Packets.utf8("reply/#")), "x")).expectDisconnect(0x82);
        }
    }
}
