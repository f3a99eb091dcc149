package io.bastionmq.it.subscribe;

import static io.bastionmq.it.subscribe.Wire.sub;
import static io.bastionmq.testkit.Packets.binary;
import static io.bastionmq.testkit.Packets.bytes;
import static io.bastionmq.testkit.Packets.concat;
import static io.bastionmq.testkit.Packets.property;
import static io.bastionmq.testkit.Packets.u16;
import static io.bastionmq.testkit.Packets.u32;
import static io.bastionmq.testkit.Packets.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.bastionmq.it.support.TestBroker;
import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.Packets;
import io.bastionmq.testkit.RawClient;
import io.bastionmq.testkit.WireReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PUBLISH properties that travel from publisher to subscriber (MQTT5 3.3.2.3), and what a
 * subscriber of the other protocol version sees.
 */
class PropertiesIT {
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final byte[] NONE = new byte[0];

    private static byte[] user(String name, String value) {
        return property(Wire.USER_PROPERTY, concat(utf8(name), utf8(value)));
    }

    @Test
    @DisplayName("MQTT-3.3.2-17, -18: user properties reach the subscriber unaltered and in order, repeated names included")
    void forwardsUserPropertiesUnchangedInOrder() {
        try (TestBroker broker = TestBroker.start();
                RawClient sub = Wire.connect5(broker, "sub");
                RawClient pub = Wire.connect5(broker, "pub")) {
            Wire.subscribe5(sub, 1, NONE, sub("up/#", 1));
            byte[] props = concat(user("b", "2"), user("a", "1"), user("a", "3"), user("a", "1"), user("ü", ""),
                    user("", "ключ"));
            pub.send(Packets.publish5("up/x", 1, false, 1, props, "body".getBytes())).expect(PacketType.PUBACK);
            Wire.Publish got = Wire.readPublish(sub, true);
            assertThat(got.userProperties()).containsExactly("b=2", "a=1", "a=3", "a=1", "ü=", "=ключ");
            assertThat(got.properties()).as("nothing but the user properties").hasSize(6);
            assertThat(got.payloadText()).isEqualTo("body");
        }
    }

    @Test
    @DisplayName("MQTT-3.3.2-4, -20: Payload Format Indicator and Content Type reach the subscriber unaltered")
    void forwardsContentTypeAndPayloadFormatIndicator() {
        try (TestBroker broker = TestBroker.start();
                RawClient sub = Wire.connect5(broker, "sub");
                RawClient pub = Wire.connect5(broker, "pub")) {
            Wire.subscribe5(sub, 1, NONE, sub("ct/#", 0));
            byte[] props = concat(property(Wire.PAYLOAD_FORMAT_INDICATOR, bytes(1)),
                    property(Wire.CONTENT_TYPE, utf8("application/json; charset=utf-8")));
            pub.send(Packets.publish5("ct/x", 0, false, 0, props, "{\"a\":1}".getBytes()));
            Wire.Publish got = Wire.readPublish(sub, true);
            assertThat(got.properties()).containsExactlyInAnyOrder(new WireReader.Property(Wire.PAYLOAD_FORMAT_INDICATOR, 1),
                    new WireReader.Property(Wire.CONTENT_TYPE, "application/json; charset=utf-8"));
            assertThat(got.payloadText()).isEqualTo("{\"a\":1}");
        }
    }

    @Test
    @DisplayName("MQTT-3.3.2-15, -16, MQTT5 4.10: request/response between two Paho v5 clients with Response Topic and Correlation Data")
    void requestResponseWithResponseTopicAndCorrelationData() throws Exception {
        try (TestBroker broker = TestBroker.start();
                PahoV5 requester = PahoV5.connect(broker, "requester");
                PahoV5 responder = PahoV5.connect(broker, "responder")) {
            requester.client.subscribe("reply/requester", 1);
            responder.client.subscribe("service/echo", 1);

            byte[] correlation = {0, 1, 2, (byte) 0xfe, (byte) 0xff};
            MqttProperties requestProps = new MqttProperties();
            requestProps.setResponseTopic("reply/requester");
            requestProps.setCorrelationData(correlation);
            requestProps.setContentType("text/plain");
            requestProps.setUserProperties(List.of(new UserProperty("k", "v1"), new UserProperty("k", "v2")));
            MqttMessage request = new MqttMessage("ping".getBytes(StandardCharsets.UTF_8), 1, false, requestProps);
            requester.client.publish("service/echo", request);

            PahoV5.Received atResponder = responder.received.poll(5, TimeUnit.SECONDS);
            assertThat(atResponder).as("request at the responder").isNotNull();
            MqttProperties seen = atResponder.message().getProperties();
            assertThat(seen.getResponseTopic()).isEqualTo("reply/requester");
            assertThat(seen.getCorrelationData()).isEqualTo(correlation);
            assertThat(seen.getContentType()).isEqualTo("text/plain");
            assertThat(seen.getUserProperties()).extracting(u -> u.getKey() + "=" + u.getValue())
                    .containsExactly("k=v1", "k=v2");

            MqttProperties replyProps = new MqttProperties();
            replyProps.setCorrelationData(seen.getCorrelationData());
            MqttMessage reply = new MqttMessage("pong".getBytes(StandardCharsets.UTF_8), 1, false, replyProps);
            responder.client.publish(seen.getResponseTopic(), reply);

            PahoV5.Received atRequester = requester.received.poll(5, TimeUnit.SECONDS);
            assertThat(atRequester).as("response at the requester").isNotNull();
            assertThat(atRequester.topic()).isEqualTo("reply/requester");
            assertThat(atRequester.message().getProperties().getCorrelationData()).isEqualTo(correlation);
            assertThat(new String(atRequester.message().getPayload(), StandardCharsets.UTF_8)).isEqualTo("pong");
        }
    }

    @Test
    @DisplayName("MQTT-3.3.2-17, -18: HiveMQ client's user properties reach a Paho v5 subscriber in order")
    void forwardsUserPropertiesBetweenThirdPartyClients() throws Exception {
        try (TestBroker broker = TestBroker.start();
                PahoV5 sub = PahoV5.connect(broker, "paho");
                Hive pub = Hive.connect(broker, "hive")) {
            sub.client.subscribe("tp/#", 2);
            pub.client.publish(Mqtt5Publish.builder().topic("tp/x").qos(MqttQos.EXACTLY_ONCE)
                    .payload("p".getBytes(StandardCharsets.UTF_8))
                    .userProperties().add("z", "1").add("a", "2").add("z", "0").applyUserProperties()
                    .build());
            PahoV5.Received got = sub.received.poll(5, TimeUnit.SECONDS);
            assertThat(got).isNotNull();
            assertThat(got.message().getQos()).isEqualTo(2);
            assertThat(got.message().getProperties().getUserProperties()).extracting(u -> u.getKey() + "=" + u.getValue())
                    .containsExactly("z=1", "a=2", "z=0");
        }
    }

    @Test
    @DisplayName("MQTT-3.3.2-14: a Response Topic with a wildcard is a protocol error, and the message is not delivered")
    void disconnectsOnResponseTopicWithWildcard() {
        try (TestBroker broker = TestBroker.start(); RawClient sub = Wire.connect5(broker, "sub")) {
            Wire.subscribe5(sub, 1, NONE, sub("rt/#", 0));
            for (String responseTopic : List.of("replies/+", "replies/#")) {
                try (RawClient pub = Wire.connect5(broker, "pub")) {
                    byte[] props = property(Wire.RESPONSE_TOPIC, utf8(responseTopic));
                    pub.send(Packets.publish5("rt/x", 1, false, 1, props, "x".getBytes()));
                    pub.expectDisconnect(0x82);
                }
            }
            sub.assertNothingReceived(QUIET);
        }
    }

    @Test
    @DisplayName("MQTT-3.3.4-6: a PUBLISH from a client carrying a Subscription Identifier is a protocol error")
    void disconnectsOnPublishWithSubscriptionIdentifier() {
        try (TestBroker broker = TestBroker.start(); RawClient pub = Wire.connect5(broker, "pub")) {
            pub.send(Packets.publish5("si/x", 0, false, 0, Wire.subscriptionId(3), "x".getBytes()));
            pub.expectDisconnect(0x82);
        }
    }

    @Test
    @DisplayName("MQTT 3.1.1 3.3: a 3.1.1 subscriber gets an MQTT 5 message without its properties, payload intact")
    void v311SubscriberReceivesV5MessageWithoutProperties() {
        try (TestBroker broker = TestBroker.start();
                RawClient sub = Wire.connect311(broker, "old");
                RawClient pub = Wire.connect5(broker, "new")) {
            Wire.subscribe311(sub, 1, sub("vx/#", 0));
            byte[] props = concat(user("k", "v"), property(Wire.CONTENT_TYPE, utf8("text/plain")),
                    property(Wire.RESPONSE_TOPIC, utf8("r/t")), property(Wire.CORRELATION_DATA, binary(bytes(1, 2))),
                    property(Wire.MESSAGE_EXPIRY_INTERVAL, u32(60)), property(Wire.PAYLOAD_FORMAT_INDICATOR, bytes(1)));
            pub.send(Packets.publish5("vx/a", 0, false, 0, props, "hello".getBytes()));
            // 30 0b | 00 04 'vx/a' | 'hello': no property length in 3.1.1
            assertThat(sub.expect(PacketType.PUBLISH).hex()).isEqualTo("30 0b 00 04 76 78 2f 61 68 65 6c 6c 6f");
        }
    }

    @Test
    @DisplayName("MQTT5 3.3.2.3: an MQTT 5 subscriber gets a 3.1.1 publisher's message with an empty property list")
    void v5SubscriberReceivesV311MessageWithEmptyProperties() {
        try (TestBroker broker = TestBroker.start();
                RawClient sub = Wire.connect5(broker, "new");
                RawClient pub = Wire.connect311(broker, "old")) {
            Wire.subscribe5(sub, 1, NONE, sub("vy/#", 0));
            pub.send(Packets.publish311("vy/a", 0, false, 0, "hello".getBytes()));
            // 30 0c | 00 04 'vy/a' | 00 (no properties) | 'hello'
            assertThat(sub.expect(PacketType.PUBLISH).hex()).isEqualTo("30 0c 00 04 76 79 2f 61 00 68 65 6c 6c 6f");
        }
    }

    @Test
    @DisplayName("MQTT5 3.3.2.3.4: a publisher's Topic Alias is not forwarded; the subscriber gets the topic name")
    void doesNotForwardThePublishersTopicAlias() {
        try (TestBroker broker = TestBroker.start();
                RawClient sub = Wire.connect5(broker, "sub");
                RawClient pub = Wire.connect5(broker, "pub")) {
            Wire.subscribe5(sub, 1, NONE, sub("ta/#", 0));
            byte[] alias = property(Wire.TOPIC_ALIAS, u16(1));
            pub.send(Packets.publish5("ta/long/topic", 0, false, 0, alias, "1".getBytes()));
            pub.send(Packets.publish5("", 0, false, 0, alias, "2".getBytes()));
            for (String payload : List.of("1", "2")) {
                Wire.Publish got = Wire.readPublish(sub, true);
                assertThat(got.topic()).isEqualTo("ta/long/topic");
                assertThat(got.payloadText()).isEqualTo(payload);
                assertThat(got.properties()).as("a subscriber with Topic Alias Maximum 0 gets no alias").isEmpty();
            }
        }
    }

    @Test
    @DisplayName("MQTT-3.3.2-6: the Message Expiry Interval is forwarded, lowered by the time the message waited")
    void forwardsMessageExpiryInterval() {
        try (TestBroker broker = TestBroker.start();
                RawClient sub = Wire.connect5(broker, "sub");
                RawClient pub = Wire.connect5(broker, "pub")) {
            Wire.subscribe5(sub, 1, NONE, sub("me/#", 0));
            pub.send(Packets.publish5("me/x", 0, false, 0, property(Wire.MESSAGE_EXPIRY_INTERVAL, u32(120)), NONE));
            List<Object> expiry = Wire.readPublish(sub, true).values(Wire.MESSAGE_EXPIRY_INTERVAL);
            assertThat(expiry).hasSize(1);
            assertThat((Long) expiry.get(0)).isBetween(118L, 120L);
        }
    }

    @Test
    @DisplayName("MQTT-3.3.2-15 to -20, MQTT-3.3.4-3: a message queued for an offline session keeps properties and identifier across a restart")
    void queuedMessageKeepsPropertiesAndSubscriptionIdentifierAcrossRestart(@TempDir Path dir) {
        byte[] expiry = property(Wire.SESSION_EXPIRY_INTERVAL, u32(300));
        byte[] props = concat(property(Wire.CONTENT_TYPE, utf8("a/b")), property(Wire.RESPONSE_TOPIC, utf8("re/ply")),
                property(Wire.CORRELATION_DATA, binary(bytes(0, 0xff))), user("k", "1"), user("j", "2"), user("k", "3"));
        try (TestBroker broker = TestBroker.builder().rocksDb(dir).start()) {
            try (RawClient sub = Wire.connect5(broker, "durable", expiry)) {
                Wire.subscribe5(sub, 1, Wire.subscriptionId(17), sub("dq/#", 1 | Wire.RETAIN_AS_PUBLISHED));
                sub.send(Packets.disconnect5(0x00)).expectClosed();
            }
            try (RawClient pub = Wire.connect5(broker, "pub")) {
                pub.send(Packets.publish5("dq/x", 1, true, 1, props, "queued".getBytes())).expect(PacketType.PUBACK);
            }
        }
        try (TestBroker broker = TestBroker.builder().rocksDb(dir).start();
                RawClient sub = RawClient.connect("127.0.0.1", broker.port())) {
            assertThat(sub.send(Packets.connect5("durable", false, 60, expiry)).expectConnAck(0x00).sessionPresent())
                    .isTrue();
            Wire.Publish got = Wire.readPublish(sub, true);
            assertThat(got.payloadText()).isEqualTo("queued");
            assertThat(got.qos()).isEqualTo(1);
            assertThat(got.retain()).as("Retain As Published survived the restart").isTrue();
            assertThat(got.subscriptionIds()).containsExactly(17);
            assertThat(got.userProperties()).containsExactly("k=1", "j=2", "k=3");
            assertThat(got.values(Wire.CONTENT_TYPE)).containsExactly("a/b");
            assertThat(got.values(Wire.RESPONSE_TOPIC)).containsExactly("re/ply");
            assertThat((byte[]) got.values(Wire.CORRELATION_DATA).get(0)).containsExactly(0, 0xff);
        }
    }

    @Test
    @DisplayName("MQTT-3.3.2-15 to -20: properties set by mosquitto_pub (MQTT 5) reach a subscriber unaltered")
    void forwardsPropertiesSetByMosquittoPub() throws Exception {
        Assumptions.assumeTrue(onPath("mosquitto_pub"), "mosquitto_pub is not installed");
        try (TestBroker broker = TestBroker.start(); RawClient sub = Wire.connect5(broker, "sub")) {
            Wire.subscribe5(sub, 1, NONE, sub("mq/#", 1));
            Process p = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(broker.port()),
                    "-V", "mqttv5", "-q", "1", "-t", "mq/tool", "-m", "from mosquitto",
                    "-D", "publish", "user-property", "n", "1",
                    "-D", "publish", "user-property", "n", "2",
                    "-D", "publish", "content-type", "text/x",
                    "-D", "publish", "response-topic", "mq/answer",
                    "-D", "publish", "correlation-data", "c0rr")
                    .redirectErrorStream(true).start();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("mosquitto_pub finished").isTrue();
            assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
            Wire.Publish got = Wire.readPublish(sub, true);
            assertThat(got.payloadText()).isEqualTo("from mosquitto");
            assertThat(got.userProperties()).containsExactly("n=1", "n=2");
            assertThat(got.values(Wire.CONTENT_TYPE)).containsExactly("text/x");
            assertThat(got.values(Wire.RESPONSE_TOPIC)).containsExactly("mq/answer");
            assertThat(new String((byte[]) got.values(Wire.CORRELATION_DATA).get(0), StandardCharsets.UTF_8))
                    .isEqualTo("c0rr");
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (java.nio.file.Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    @Test
    @DisplayName("MQTT-3.3.2-15 to -20: a retained message keeps its properties across a restart of a durable broker")
    void retainedMessageKeepsItsPropertiesInTheDurableStore(@TempDir Path dir) {
        byte[] props = concat(property(Wire.PAYLOAD_FORMAT_INDICATOR, bytes(1)),
                property(Wire.CONTENT_TYPE, utf8("text/plain")), property(Wire.RESPONSE_TOPIC, utf8("r/t")),
                property(Wire.CORRELATION_DATA, binary(bytes(9, 8, 7))), user("x", "1"), user("x", "2"));
        try (TestBroker broker = TestBroker.builder().rocksDb(dir).start();
                RawClient pub = Wire.connect5(broker, "pub")) {
            pub.send(Packets.publish5("kp/x", 1, true, 1, props, "state".getBytes())).expect(PacketType.PUBACK);
        }
        try (TestBroker broker = TestBroker.builder().rocksDb(dir).start();
                RawClient sub = Wire.connect5(broker, "sub")) {
            Wire.subscribe5(sub, 1, NONE, sub("kp/#", 1));
            Wire.Publish got = Wire.readPublish(sub, true);
            assertThat(got.retain()).isTrue();
            assertThat(got.payloadText()).isEqualTo("state");
            List<String> seen = new ArrayList<>();
            for (WireReader.Property p : got.properties()) {
                seen.add(p.toString());
            }
            assertThat(seen).containsExactlyInAnyOrder("0x01=1", "0x03=text/plain", "0x08=r/t", "0x09=[9, 8, 7]",
                    "0x26=[x, 1]", "0x26=[x, 2]");
            assertThat(got.userProperties()).containsExactly("x=1", "x=2");
        }
    }
}
