package io.bastionmq.it.connect;

import static io.bastionmq.it.connect.ConnectIT.millisSince;
import static io.bastionmq.it.connect.RawProperties.CONTENT_TYPE;
import static io.bastionmq.it.connect.RawProperties.CORRELATION_DATA;
import static io.bastionmq.it.connect.RawProperties.MESSAGE_EXPIRY_INTERVAL;
import static io.bastionmq.it.connect.RawProperties.PAYLOAD_FORMAT_INDICATOR;
import static io.bastionmq.it.connect.RawProperties.RESPONSE_TOPIC;
import static io.bastionmq.it.connect.RawSteps.disconnect;
import static io.bastionmq.it.connect.RawSteps.open;
import static io.bastionmq.testkit.Packets.binary;
import static io.bastionmq.testkit.Packets.bytes;
import static io.bastionmq.testkit.Packets.concat;
import static io.bastionmq.testkit.Packets.property;
import static io.bastionmq.testkit.Packets.u32;
import static io.bastionmq.testkit.Packets.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperty;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.bastionmq.it.support.TestBroker;
import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.Packets;
import io.bastionmq.testkit.RawClient;
import io.bastionmq.testkit.RawPacket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Will messages (MQTT 3.1.1 3.1.2.5; MQTT5 3.1.2.5, 3.1.3.2, 3.14.4): when they are published,
 * with what, and when not. The dying client is a {@link RawClient} so that the test decides
 * exactly how the connection ends; observers are raw or third-party subscribers.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class WillIT {
    private static final byte[] NONE = new byte[0];
    /** Subscription option Retain As Published (MQTT5 3.8.3.1): lets the subscriber see the RETAIN flag. */
    private static final int RETAIN_AS_PUBLISHED = 0x08;
    private static final Duration QUIET = Duration.ofMillis(1000);

    @Test
    @DisplayName("The will is published when the connection drops without DISCONNECT [MQTT-3.1.2-8, MQTT-3.1.2-10]")
    void publishesWillWhenConnectionDropsWithoutDisconnect() {
        try (TestBroker broker = TestBroker.start(); RawClient observer = observer311(broker, "w/drop")) {
            RawClient dying = open(broker);
            dying.send(RawConnect.v311("dying").will("w/drop", "bye", 1, false).bytes()).expectConnAck(0x00);
            dying.close();
            RawPacket will = observer.expect(PacketType.PUBLISH);
            assertThat(will.topic()).isEqualTo("w/drop");
            assertThat(will.qos()).isEqualTo(1); // MQTT-3.1.2-14 onwards: the will's QoS
            assertThat(RawProperties.publishPayload(will, false)).isEqualTo("bye");
        }
    }

    @Test
    @DisplayName("The will is published when keep alive times out [MQTT-3.1.2-8, MQTT-3.1.2-24]")
    void publishesWillOnKeepAliveTimeout() {
        try (TestBroker broker = TestBroker.start(); RawClient observer = observer311(broker, "w/ka");
             RawClient silent = open(broker)) {
            silent.send(RawConnect.v311("silent").keepAlive(1).will("w/ka", "timeout", 0, false).bytes()).expectConnAck(0x00);
            long start = System.nanoTime();
            RawPacket will = observer.expect(PacketType.PUBLISH);
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(1300L);
            assertThat(RawProperties.publishPayload(will, false)).isEqualTo("timeout");
        }
    }

    @Test
    void pahoV3WillIsPublishedWhenItDropsTheConnection() throws Exception {
        try (TestBroker broker = TestBroker.start(); RawClient observer = observer311(broker, "w/paho")) {
            MqttClient paho = new MqttClient(broker.tcpUri(), "paho-will", new MemoryPersistence());
            MqttConnectOptions opts = new MqttConnectOptions();
            opts.setWill("w/paho", "paho-gone".getBytes(StandardCharsets.UTF_8), 2, false);
            paho.connect(opts);
            paho.disconnectForcibly(0, 1000, false); // no DISCONNECT packet: an abnormal end
            RawPacket will = observer.expect(PacketType.PUBLISH);
            assertThat(will.qos()).isEqualTo(2);
            assertThat(RawProperties.publishPayload(will, false)).isEqualTo("paho-gone");
            paho.close();
        }
    }

    @Test
    @DisplayName("The will keeps its MQTT 5 properties: format, expiry, content type, response topic, correlation data, user properties in order [MQTT5 3.1.3.2, MQTT-3.3.2-18]")
    void publishesWillWithItsMqtt5Properties() {
        try (TestBroker broker = TestBroker.start(); RawClient observer = observer5(broker, "w/props", 2)) {
            RawClient dying = open(broker);
            dying.send(RawConnect.v5("props").will("w/props", "{\"gone\":true}", 1, false).willProperties(
                    property(0x01, bytes(1)),
                    property(0x02, u32(60)),
                    property(0x03, utf8("application/json")),
                    property(0x08, utf8("w/reply")),
                    property(0x09, binary(bytes(0xca, 0xfe))),
                    property(0x26, concat(utf8("k"), utf8("v1"))),
                    property(0x26, concat(utf8("k"), utf8("v2"))),
                    property(0x26, concat(utf8("a"), utf8("b")))).bytes()).expectConnAck(0x00);
            dying.close();
            RawPacket will = observer.expect(PacketType.PUBLISH);
            RawProperties p = RawProperties.ofPublish(will);
            assertThat(p.number(PAYLOAD_FORMAT_INDICATOR)).isEqualTo(1);
            assertThat(p.number(MESSAGE_EXPIRY_INTERVAL)).isBetween(55L, 60L); // MQTT-3.3.2-6: the time left
            assertThat(p.string(CONTENT_TYPE)).isEqualTo("application/json");
            assertThat(p.string(RESPONSE_TOPIC)).isEqualTo("w/reply");
            assertThat(p.binary(CORRELATION_DATA)).containsExactly(0xca, 0xfe);
            assertThat(p.userProperties()).extracting(kv -> kv[0] + "=" + kv[1]).containsExactly("k=v1", "k=v2", "a=b");
            assertThat(RawProperties.publishPayload(will, true)).isEqualTo("{\"gone\":true}");
        }
    }

    @Test
    void hiveMqSubscriberSeesWillProperties() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            Mqtt5BlockingClient sub = Mqtt5Client.builder().identifier("hive-will-sub").serverHost("127.0.0.1")
                    .serverPort(broker.port()).buildBlocking();
            sub.connect();
            try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
                sub.subscribeWith().topicFilter("w/hive").qos(MqttQos.EXACTLY_ONCE).send();
                RawClient dying = open(broker);
                dying.send(RawConnect.v5("hive-dying").will("w/hive", "x", 2, false).willProperties(
                        property(0x01, bytes(1)),
                        property(0x03, utf8("text/plain")),
                        property(0x08, utf8("w/hive/reply")),
                        property(0x09, binary(bytes(1, 2, 3))),
                        property(0x26, concat(utf8("origin"), utf8("will")))).bytes()).expectConnAck(0x00);
                dying.close();
                Optional<Mqtt5Publish> got = publishes.receive(5, TimeUnit.SECONDS);
                assertThat(got).isPresent();
                Mqtt5Publish will = got.get();
                assertThat(will.getQos()).isEqualTo(MqttQos.EXACTLY_ONCE);
                assertThat(will.getPayloadFormatIndicator()).hasValue(Mqtt5PayloadFormatIndicator.UTF_8);
                assertThat(will.getContentType().map(Object::toString)).hasValue("text/plain");
                assertThat(will.getResponseTopic().map(Object::toString)).hasValue("w/hive/reply");
                assertThat(will.getCorrelationData()).hasValue(ByteBuffer.wrap(new byte[] {1, 2, 3}));
                List<? extends Mqtt5UserProperty> props = will.getUserProperties().asList();
                assertThat(props).extracting(u -> u.getName() + "=" + u.getValue()).containsExactly("origin=will");
            }
            sub.disconnect();
        }
    }

    @Test
    @DisplayName("A retained will is published with RETAIN 1 and kept for later subscribers [MQTT-3.1.2-17]")
    void retainedWillReachesLaterSubscribers() {
        try (TestBroker broker = TestBroker.start(); RawClient observer = observer5(broker, "w/retained", 2 | RETAIN_AS_PUBLISHED)) {
            RawClient dying = open(broker);
            dying.send(RawConnect.v5("retainer").will("w/retained", "last words", 2, true).bytes()).expectConnAck(0x00);
            dying.close();
            RawPacket live = observer.expect(PacketType.PUBLISH);
            assertThat(live.retain()).isTrue();
            assertThat(live.qos()).isEqualTo(2);
            try (RawClient later = open(broker)) {
                later.send(Packets.connect311("later", true, 60)).expectConnAck(0x00);
                later.send(Packets.subscribe311(1, "w/retained", 1)).expect(PacketType.SUBACK);
                RawPacket retained = later.expect(PacketType.PUBLISH);
                assertThat(retained.retain()).isTrue(); // MQTT-3.3.1-8
                assertThat(retained.qos()).isEqualTo(1);
                assertThat(RawProperties.publishPayload(retained, false)).isEqualTo("last words");
            }
        }
    }

    // ---------------------------------------------------------------- DISCONNECT

    @Test
    @DisplayName("MQTT 3.1.1: no will after DISCONNECT [MQTT-3.1.2-10, MQTT-3.14.4-3]")
    void discardsWillOnNormalMqtt311Disconnect() {
        try (TestBroker broker = TestBroker.start(); RawClient observer = observer311(broker, "w/normal3")) {
            try (RawClient leaving = open(broker)) {
                leaving.send(RawConnect.v311("leaving3").will("w/normal3", "no", 1, false).bytes()).expectConnAck(0x00);
                disconnect(leaving);
            }
            observer.assertNothingReceived(QUIET);
        }
    }

    @Test
    @DisplayName("MQTT 5: no will after DISCONNECT 0x00 [MQTT-3.14.4-3]")
    void discardsWillOnNormalMqtt5Disconnect() {
        try (TestBroker broker = TestBroker.start(); RawClient observer = observer311(broker, "w/normal5")) {
            try (RawClient leaving = open(broker)) {
                leaving.send(RawConnect.v5("leaving5").will("w/normal5", "no", 1, false).bytes()).expectConnAck(0x00);
                leaving.send(Packets.disconnect5(0x00)).expectClosed();
            }
            observer.assertNothingReceived(QUIET);
        }
    }

    @Test
    @DisplayName("MQTT 5: DISCONNECT 0x04 publishes the will [MQTT5 3.14.2.1]")
    void publishesWillOnDisconnectWithWillMessage() {
        try (TestBroker broker = TestBroker.start(); RawClient observer = observer311(broker, "w/04")) {
            try (RawClient leaving = open(broker)) {
                leaving.send(RawConnect.v5("leaving04").will("w/04", "asked", 1, false).bytes()).expectConnAck(0x00);
                leaving.send(Packets.disconnect5(0x04)).expectClosed();
            }
            assertThat(RawProperties.publishPayload(observer.expect(PacketType.PUBLISH), false)).isEqualTo("asked");
        }
    }

    // ---------------------------------------------------------------- Will Delay Interval

    @Test
    @DisplayName("A will with Will Delay 2 s is published after the delay, not before [MQTT5 3.1.3.2.2, MQTT-3.1.3-9]")
    void publishesWillOnlyAfterWillDelay() {
        try (TestBroker broker = TestBroker.start(); RawClient observer = observer311(broker, "w/delay")) {
            RawClient dying = open(broker);
            dying.send(RawConnect.v5("delayed").cleanStart(true).sessionExpiry(60).will("w/delay", "later", 1, false)
                    .willProperties(property(0x18, u32(2))).bytes()).expectConnAck(0x00);
            dying.close();
            long start = System.nanoTime();
            observer.assertNothingReceived(Duration.ofMillis(1500));
            RawPacket will = observer.expect(PacketType.PUBLISH);
            assertThat(millisSince(start)).isBetween(1800L, 4500L);
            assertThat(RawProperties.publishPayload(will, false)).isEqualTo("later");
        }
    }

    @Test
    @DisplayName("Reconnecting to the session within the Will Delay cancels the will [MQTT-3.1.3-9]")
    void reconnectWithinWillDelayCancelsWill() {
        try (TestBroker broker = TestBroker.start(); RawClient observer = observer311(broker, "w/cancel")) {
            RawClient dying = open(broker);
            dying.send(RawConnect.v5("cancel").cleanStart(true).sessionExpiry(60).will("w/cancel", "never", 1, false)
                    .willProperties(property(0x18, u32(1))).bytes()).expectConnAck(0x00);
            dying.close();
            try (RawClient back = open(broker)) {
                assertThat(back.send(RawConnect.v5("cancel").cleanStart(false).sessionExpiry(60).bytes())
                        .expectConnAck(0x00).sessionPresent()).isTrue();
                observer.assertNothingReceived(Duration.ofMillis(2000)); // twice the delay
            }
        }
    }

    @Test
    @DisplayName("A session ending before the Will Delay publishes the will then (expiry 1 s, delay 10 s) [MQTT-3.1.3-9]")
    void sessionExpiryBeforeWillDelayPublishesWillAtExpiry() {
        try (TestBroker broker = TestBroker.start(); RawClient observer = observer311(broker, "w/expiry")) {
            RawClient dying = open(broker);
            dying.send(RawConnect.v5("short").sessionExpiry(1).will("w/expiry", "at-expiry", 1, false)
                    .willProperties(property(0x18, u32(10))).bytes()).expectConnAck(0x00);
            dying.close();
            long start = System.nanoTime();
            RawPacket will = observer.withTimeout(Duration.ofSeconds(5)).expect(PacketType.PUBLISH);
            assertThat(millisSince(start)).isBetween(700L, 4000L);
            assertThat(RawProperties.publishPayload(will, false)).isEqualTo("at-expiry");
        }
    }

    @Test
    @DisplayName("Session Expiry 0 ends the session at once, so a delayed will goes out at once [MQTT-3.1.3-9]")
    void sessionWithoutExpiryPublishesDelayedWillImmediately() {
        try (TestBroker broker = TestBroker.start(); RawClient observer = observer311(broker, "w/noexp")) {
            RawClient dying = open(broker);
            dying.send(RawConnect.v5("noexp").will("w/noexp", "now", 0, false)
                    .willProperties(property(0x18, u32(10))).bytes()).expectConnAck(0x00);
            dying.close();
            long start = System.nanoTime();
            observer.expect(PacketType.PUBLISH);
            assertThat(millisSince(start)).isLessThan(2000L);
        }
    }

    // ---------------------------------------------------------------- takeover

    @Test
    @DisplayName("Takeover of an MQTT 5 connection whose will has no delay publishes the will [MQTT-3.1.4-3, MQTT5 3.1.3.2.2]")
    void takeoverPublishesWillWithoutDelay() {
        try (TestBroker broker = TestBroker.start(); RawClient observer = observer311(broker, "w/takeover");
             RawClient first = open(broker); RawClient second = open(broker)) {
            first.send(RawConnect.v5("twin").cleanStart(false).sessionExpiry(60).will("w/takeover", "replaced", 1, false).bytes())
                    .expectConnAck(0x00);
            second.send(RawConnect.v5("twin").cleanStart(false).sessionExpiry(60).bytes()).expectConnAck(0x00);
            first.expectDisconnect(0x8e);
            assertThat(RawProperties.publishPayload(observer.expect(PacketType.PUBLISH), false)).isEqualTo("replaced");
        }
    }

    @Test
    @DisplayName("Takeover of an MQTT 3.1.1 connection publishes its will [MQTT-3.1.4-2, MQTT-3.1.2-8]")
    void takeoverPublishesMqtt311Will() {
        try (TestBroker broker = TestBroker.start(); RawClient observer = observer311(broker, "w/takeover3");
             RawClient first = open(broker); RawClient second = open(broker)) {
            first.send(RawConnect.v311("twin3").will("w/takeover3", "replaced3", 1, false).bytes()).expectConnAck(0x00);
            second.send(RawConnect.v311("twin3").bytes()).expectConnAck(0x00);
            first.expectClosed();
            assertThat(RawProperties.publishPayload(observer.expect(PacketType.PUBLISH), false)).isEqualTo("replaced3");
        }
    }

    @Test
    @DisplayName("Takeover with clean start 1 ends the session, so a delayed will goes out at once [MQTT5 3.1.3.2.2, MQTT-3.1.3-9]")
    void takeoverWithCleanStartPublishesDelayedWillAtOnce() {
        try (TestBroker broker = TestBroker.start(); RawClient observer = observer311(broker, "w/takeover-clean");
             RawClient first = open(broker); RawClient second = open(broker)) {
            first.send(RawConnect.v5("twin-clean").cleanStart(false).sessionExpiry(60).will("w/takeover-clean", "ended", 1, false)
                    .willProperties(property(0x18, u32(10))).bytes()).expectConnAck(0x00);
            second.send(RawConnect.v5("twin-clean").cleanStart(true).sessionExpiry(60).bytes()).expectConnAck(0x00);
            first.expectDisconnect(0x8e);
            RawPacket will = observer.withTimeout(Duration.ofSeconds(3)).expect(PacketType.PUBLISH);
            assertThat(RawProperties.publishPayload(will, false)).isEqualTo("ended");
        }
    }

    @Test
    @DisplayName("Takeover with clean start 0 resumes the session within the Will Delay: no will [MQTT-3.1.3-9]")
    void takeoverWithCleanStartZeroCancelsDelayedWill() {
        try (TestBroker broker = TestBroker.start(); RawClient observer = observer311(broker, "w/takeover-resume");
             RawClient first = open(broker); RawClient second = open(broker)) {
            first.send(RawConnect.v5("twin-resume").cleanStart(false).sessionExpiry(60).will("w/takeover-resume", "no", 1, false)
                    .willProperties(property(0x18, u32(1))).bytes()).expectConnAck(0x00);
            second.send(RawConnect.v5("twin-resume").cleanStart(false).sessionExpiry(60).bytes()).expectConnAck(0x00);
            first.expectDisconnect(0x8e);
            observer.assertNothingReceived(Duration.ofMillis(2000)); // twice the delay
        }
    }

    // ---------------------------------------------------------------- wills the broker cannot accept

    @Test
    @DisplayName("A retained will when retain is not available gets 0x9A [MQTT-3.2.2-13]")
    void refusesRetainedWillWhenRetainUnavailable() {
        try (TestBroker broker = TestBroker.builder().retainAvailable(false).start(); RawClient c = open(broker)) {
            c.send(RawConnect.v5("noretain").will("w/r", "x", 0, true).bytes()).expectConnAck(0x9a);
            c.expectClosed();
        }
    }

    @Test
    @DisplayName("A will QoS above Maximum QoS gets 0x9B [MQTT-3.2.2-12]")
    void refusesWillQosAboveMaximumQos() {
        try (TestBroker broker = TestBroker.builder().maximumQos(1).start(); RawClient c = open(broker)) {
            c.send(RawConnect.v5("qos2will").will("w/q", "x", 2, false).bytes()).expectConnAck(0x9b);
            c.expectClosed();
        }
    }

    // ---------------------------------------------------------------- helpers

    /** An MQTT 3.1.1 subscriber to {@code filter} at QoS 2. */
    private static RawClient observer311(TestBroker broker, String filter) {
        RawClient c = open(broker);
        c.send(Packets.connect311("observer", true, 60)).expectConnAck(0x00);
        c.send(Packets.subscribe311(1, filter, 2)).expect(PacketType.SUBACK);
        return c;
    }

    /** An MQTT 5 subscriber with the given subscription options byte. */
    private static RawClient observer5(TestBroker broker, String filter, int options) {
        RawClient c = open(broker);
        c.send(Packets.connect5("observer5")).expectConnAck(0x00);
        c.send(Packets.subscribe5(1, filter, options, NONE)).expect(PacketType.SUBACK);
        return c;
    }
}
