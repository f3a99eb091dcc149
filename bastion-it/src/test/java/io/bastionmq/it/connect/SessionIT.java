package io.bastionmq.it.connect;

import static io.bastionmq.it.connect.RawProperties.SESSION_EXPIRY_INTERVAL;
import static io.bastionmq.it.connect.RawSteps.disconnect;
import static io.bastionmq.it.connect.RawSteps.open;
import static io.bastionmq.it.connect.RawSteps.publishQos1;
import static io.bastionmq.it.connect.RawSteps.publishQos2;
import static io.bastionmq.it.connect.RawSteps.subscribe311;
import static io.bastionmq.it.connect.RawSteps.subscribe5;
import static io.bastionmq.testkit.Packets.bytes;
import static io.bastionmq.testkit.Packets.properties;
import static io.bastionmq.testkit.Packets.property;
import static io.bastionmq.testkit.Packets.u32;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.bastionmq.it.support.TestBroker;
import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.Packets;
import io.bastionmq.testkit.RawClient;
import io.bastionmq.testkit.RawPacket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Session lifecycle seen from outside: clean start, resumption with Session Present, delivery of
 * what was queued or in flight while the client was away, session expiry, takeover (MQTT 3.1.1
 * 3.1.2.4, 4.1, 4.4; MQTT5 3.1.2.4, 3.1.2.11.2, 3.1.4, 3.14.2.2.2, 4.1, 4.4).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SessionIT {
    // ---------------------------------------------------------------- clean start

    @Test
    @DisplayName("Clean start 1 discards the session: Session Present 0, old subscriptions gone [MQTT-3.1.2-4, MQTT-3.2.2-2]")
    void cleanStartDiscardsExistingSessionAndItsSubscriptions() {
        try (TestBroker broker = TestBroker.start()) {
            try (RawClient c = open(broker)) {
                c.send(RawConnect.v5("clean").cleanStart(false).sessionExpiry(60).bytes()).expectConnAck(0x00);
                subscribe5(c, "s/clean", 1);
                disconnect(c);
            }
            try (RawClient c = open(broker)) {
                assertThat(c.send(RawConnect.v5("clean").cleanStart(true).sessionExpiry(60).bytes())
                        .expectConnAck(0x00).sessionPresent()).isFalse();
                publishQos1(broker, "s/clean", "gone");
                c.assertNothingReceived(Duration.ofMillis(500));
            }
        }
    }

    @Test
    @DisplayName("MQTT 3.1.1 clean session 1 discards the persistent session [MQTT-3.1.2-6, MQTT-3.2.2-1]")
    void mqtt311CleanSessionDiscardsPersistentSession() {
        try (TestBroker broker = TestBroker.start()) {
            try (RawClient c = open(broker)) {
                c.send(Packets.connect311("clean3", false, 60)).expectConnAck(0x00);
                subscribe311(c, "s/clean3", 1);
                disconnect(c);
            }
            try (RawClient c = open(broker)) {
                assertThat(c.send(Packets.connect311("clean3", true, 60)).readPacket().hex()).isEqualTo("20 02 00 00");
                publishQos1(broker, "s/clean3", "gone");
                c.assertNothingReceived(Duration.ofMillis(500));
                disconnect(c);
            }
            // The clean session lasted only as long as its connection.
            try (RawClient c = open(broker)) {
                assertThat(c.send(Packets.connect311("clean3", false, 60)).readPacket().hex()).isEqualTo("20 02 00 00");
            }
        }
    }

    @Test
    @DisplayName("Clean start 0 without a stored session: Session Present 0 [MQTT-3.2.2-3]")
    void cleanStartZeroWithoutSessionGetsSessionPresentZero() {
        try (TestBroker broker = TestBroker.start(); RawClient c = open(broker)) {
            assertThat(c.send(RawConnect.v5("fresh").cleanStart(false).sessionExpiry(60).bytes())
                    .expectConnAck(0x00).sessionPresent()).isFalse();
        }
    }

    // ---------------------------------------------------------------- resumption and offline messages

    @Test
    @DisplayName("MQTT 3.1.1 persistent session resumes with Session Present 1 and gets QoS 1 and 2 messages sent while offline [MQTT-3.1.2-4, MQTT-3.2.2-2]")
    void mqtt311PersistentSessionReceivesMessagesPublishedWhileOffline() {
        try (TestBroker broker = TestBroker.start()) {
            try (RawClient c = open(broker)) {
                c.send(Packets.connect311("persist3", false, 60)).expectConnAck(0x00);
                subscribe311(c, "s/p3", 2);
                disconnect(c);
            }
            publishQos1(broker, "s/p3", "one");
            publishQos2(broker, "s/p3", "two");
            try (RawClient c = open(broker)) {
                assertThat(c.send(Packets.connect311("persist3", false, 60)).readPacket().hex()).isEqualTo("20 02 01 00");
                RawPacket first = c.expect(PacketType.PUBLISH);
                assertThat(first.qos()).isEqualTo(1);
                assertThat(RawProperties.publishPayload(first, false)).isEqualTo("one");
                c.send(Packets.puback(RawProperties.publishPacketId(first)));
                RawPacket second = c.expect(PacketType.PUBLISH);
                assertThat(second.qos()).isEqualTo(2);
                assertThat(RawProperties.publishPayload(second, false)).isEqualTo("two");
                c.send(Packets.pubrec(RawProperties.publishPacketId(second)));
                assertThat(c.expect(PacketType.PUBREL).packetId()).isEqualTo(RawProperties.publishPacketId(second));
                c.send(Packets.pubcomp(RawProperties.publishPacketId(second)));
                c.assertNothingReceived(Duration.ofMillis(300));
            }
        }
    }

    @Test
    @DisplayName("MQTT 5 session with Session Expiry > 0 resumes and gets QoS 1 and 2 messages sent while offline [MQTT-3.1.2-5, MQTT-3.2.2-2]")
    void mqtt5SessionWithExpiryReceivesMessagesPublishedWhileOffline() {
        try (TestBroker broker = TestBroker.start()) {
            try (RawClient c = open(broker)) {
                c.send(RawConnect.v5("persist5").cleanStart(false).sessionExpiry(60).bytes()).expectConnAck(0x00);
                subscribe5(c, "s/p5", 2);
                disconnect(c);
            }
            publishQos1(broker, "s/p5", "one");
            publishQos2(broker, "s/p5", "two");
            try (RawClient c = open(broker)) {
                assertThat(c.send(RawConnect.v5("persist5").cleanStart(false).sessionExpiry(60).bytes())
                        .expectConnAck(0x00).sessionPresent()).isTrue();
                RawPacket first = c.expect(PacketType.PUBLISH);
                assertThat(first.qos()).isEqualTo(1);
                assertThat(RawProperties.publishPayload(first, true)).isEqualTo("one");
                RawPacket second = c.expect(PacketType.PUBLISH);
                assertThat(second.qos()).isEqualTo(2);
                assertThat(RawProperties.publishPayload(second, true)).isEqualTo("two");
            }
        }
    }

    @Test
    void pahoV3PersistentSessionReceivesMessagesPublishedWhileOffline() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            BlockingQueue<String> got = new ArrayBlockingQueue<>(10);
            MqttClient client = new MqttClient(broker.tcpUri(), "paho-persist", new MemoryPersistence());
            client.setCallback(new MqttCallback() {
                @Override public void connectionLost(Throwable cause) {}
                @Override public void messageArrived(String topic, MqttMessage m) {
                    got.add(new String(m.getPayload(), StandardCharsets.UTF_8) + "@" + m.getQos());
                }
                @Override public void deliveryComplete(IMqttDeliveryToken token) {}
            });
            MqttConnectOptions opts = new MqttConnectOptions();
            opts.setCleanSession(false);
            client.connect(opts);
            client.subscribe("s/paho", 2);
            client.disconnect();
            publishQos1(broker, "s/paho", "one");
            publishQos2(broker, "s/paho", "two");
            assertThat(client.connectWithResult(opts).getSessionPresent()).isTrue();
            assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo("one@1");
            assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo("two@2");
            client.disconnect();
            client.close();
        }
    }

    @Test
    void hiveMqMqtt5SessionWithExpiryReceivesMessagesPublishedWhileOffline() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("hive-persist").serverHost("127.0.0.1")
                    .serverPort(broker.port()).buildBlocking();
            assertThat(client.connectWith().cleanStart(false).sessionExpiryInterval(60).send().isSessionPresent()).isFalse();
            client.subscribeWith().topicFilter("s/hive").qos(MqttQos.EXACTLY_ONCE).send();
            client.disconnect();
            publishQos1(broker, "s/hive", "one");
            publishQos2(broker, "s/hive", "two");
            try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
                assertThat(client.connectWith().cleanStart(false).sessionExpiryInterval(60).send().isSessionPresent()).isTrue();
                Optional<Mqtt5Publish> one = publishes.receive(5, TimeUnit.SECONDS);
                Optional<Mqtt5Publish> two = publishes.receive(5, TimeUnit.SECONDS);
                assertThat(one).isPresent();
                assertThat(two).isPresent();
                assertThat(new String(one.get().getPayloadAsBytes())).isEqualTo("one");
                assertThat(one.get().getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
                assertThat(new String(two.get().getPayloadAsBytes())).isEqualTo("two");
                assertThat(two.get().getQos()).isEqualTo(MqttQos.EXACTLY_ONCE);
            }
            client.disconnect();
        }
    }

    @Test
    @DisplayName("MQTT 5 Session Expiry 0 (absent) ends the session when the connection closes [MQTT5 3.1.2.11.2]")
    void mqtt5SessionWithoutExpiryEndsAtDisconnect() {
        try (TestBroker broker = TestBroker.start()) {
            try (RawClient c = open(broker)) {
                c.send(RawConnect.v5("noexp").cleanStart(false).bytes()).expectConnAck(0x00);
                subscribe5(c, "s/noexp", 1);
                disconnect(c);
            }
            try (RawClient c = open(broker)) {
                assertThat(c.send(RawConnect.v5("noexp").cleanStart(false).bytes()).expectConnAck(0x00).sessionPresent()).isFalse();
                publishQos1(broker, "s/noexp", "x");
                c.assertNothingReceived(Duration.ofMillis(500));
            }
        }
    }

    @Test
    @DisplayName("A persistent session survives a broker restart on a durable store [MQTT-3.1.2-4, MQTT5 4.1]")
    void persistentSessionSurvivesBrokerRestartWithDurableStore(@TempDir Path dir) {
        try (TestBroker broker = TestBroker.builder().rocksDb(dir).start()) {
            try (RawClient c = open(broker)) {
                c.send(Packets.connect311("durable", false, 60)).expectConnAck(0x00);
                subscribe311(c, "s/durable", 1);
                disconnect(c);
            }
            publishQos1(broker, "s/durable", "kept");
        }
        try (TestBroker broker = TestBroker.builder().rocksDb(dir).start(); RawClient c = open(broker)) {
            assertThat(c.send(Packets.connect311("durable", false, 60)).readPacket().hex()).isEqualTo("20 02 01 00");
            RawPacket p = c.expect(PacketType.PUBLISH);
            assertThat(RawProperties.publishPayload(p, false)).isEqualTo("kept");
        }
    }

    // ---------------------------------------------------------------- redelivery of in-flight messages

    @Test
    @DisplayName("An unacknowledged QoS 1 PUBLISH is resent with DUP 1 and the same packet id on reconnect [MQTT-4.4.0-1, MQTT-3.3.1-1]")
    void resendsUnacknowledgedQos1PublishWithDupFlagOnReconnect() {
        try (TestBroker broker = TestBroker.start()) {
            RawPacket original;
            try (RawClient c = open(broker)) {
                c.send(Packets.connect311("redeliver1", false, 60)).expectConnAck(0x00);
                subscribe311(c, "s/r1", 1);
                publishQos1(broker, "s/r1", "unacked");
                original = c.expect(PacketType.PUBLISH);
                assertThat(original.dup()).isFalse();
            } // dropped without PUBACK
            try (RawClient c = open(broker)) {
                assertThat(c.send(Packets.connect311("redeliver1", false, 60)).readPacket().hex()).isEqualTo("20 02 01 00");
                RawPacket again = c.expect(PacketType.PUBLISH);
                assertThat(again.dup()).as("DUP on %s", again).isTrue();
                assertThat(again.qos()).isEqualTo(1);
                assertThat(RawProperties.publishPacketId(again)).isEqualTo(RawProperties.publishPacketId(original));
                assertThat(RawProperties.publishPayload(again, false)).isEqualTo("unacked");
                c.send(Packets.puback(RawProperties.publishPacketId(again)));
                disconnect(c);
            }
            // Acknowledged now: nothing more to resend.
            try (RawClient c = open(broker)) {
                c.send(Packets.connect311("redeliver1", false, 60)).expectConnAck(0x00);
                c.assertNothingReceived(Duration.ofMillis(500));
            }
        }
    }

    @Test
    @DisplayName("An unacknowledged QoS 2 PUBLISH is resent with DUP 1 and the same packet id to an MQTT 5 session [MQTT-4.4.0-1]")
    void resendsUnacknowledgedQos2PublishWithDupFlagOnMqtt5Reconnect() {
        try (TestBroker broker = TestBroker.start()) {
            RawPacket original;
            try (RawClient c = open(broker)) {
                c.send(RawConnect.v5("redeliver2").cleanStart(false).sessionExpiry(60).bytes()).expectConnAck(0x00);
                subscribe5(c, "s/r2", 2);
                publishQos2(broker, "s/r2", "unacked2");
                original = c.expect(PacketType.PUBLISH);
                assertThat(original.qos()).isEqualTo(2);
            }
            try (RawClient c = open(broker)) {
                assertThat(c.send(RawConnect.v5("redeliver2").cleanStart(false).sessionExpiry(60).bytes())
                        .expectConnAck(0x00).sessionPresent()).isTrue();
                RawPacket again = c.expect(PacketType.PUBLISH);
                assertThat(again.dup()).isTrue();
                assertThat(again.qos()).isEqualTo(2);
                assertThat(RawProperties.publishPacketId(again)).isEqualTo(RawProperties.publishPacketId(original));
                assertThat(RawProperties.publishPayload(again, true)).isEqualTo("unacked2");
            }
        }
    }

    @Test
    @DisplayName("After PUBREC, a reconnect resends the PUBREL, not the PUBLISH [MQTT-4.4.0-1, MQTT-4.3.3-…]")
    void resendsPubRelForQos2MessageThatWasReceivedButNotCompleted() {
        try (TestBroker broker = TestBroker.start()) {
            int packetId;
            try (RawClient c = open(broker)) {
                c.send(Packets.connect311("redeliver-rel", false, 60)).expectConnAck(0x00);
                subscribe311(c, "s/rel", 2);
                publishQos2(broker, "s/rel", "half");
                packetId = RawProperties.publishPacketId(c.expect(PacketType.PUBLISH));
                c.send(Packets.pubrec(packetId));
                assertThat(c.expect(PacketType.PUBREL).packetId()).isEqualTo(packetId);
            } // dropped without PUBCOMP
            try (RawClient c = open(broker)) {
                assertThat(c.send(Packets.connect311("redeliver-rel", false, 60)).readPacket().hex()).isEqualTo("20 02 01 00");
                RawPacket rel = c.readPacket();
                assertThat(rel.hex()).isEqualTo(io.bastionmq.testkit.Hex.format(Packets.pubrel(packetId)));
                c.send(Packets.pubcomp(packetId));
                disconnect(c);
            }
            try (RawClient c = open(broker)) {
                c.send(Packets.connect311("redeliver-rel", false, 60)).expectConnAck(0x00);
                c.assertNothingReceived(Duration.ofMillis(500));
            }
        }
    }

    // ---------------------------------------------------------------- session expiry

    @Test
    @DisplayName("A session with expiry 1 s is still there at once, and gone after it has been offline longer [MQTT5 3.1.2.11.2]")
    void sessionExpiresAfterItsExpiryIntervalOffline() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            connectSubscribeDisconnect(broker, RawConnect.v5("exp1").cleanStart(false).sessionExpiry(1), "s/exp1");
            try (RawClient c = open(broker)) {
                assertThat(c.send(RawConnect.v5("exp1").cleanStart(false).sessionExpiry(1).bytes())
                        .expectConnAck(0x00).sessionPresent()).as("reconnect within the expiry interval").isTrue();
                disconnect(c);
            }
            Thread.sleep(2_000); // time passing offline is the subject of this test, not a synchronization
            publishQos1(broker, "s/exp1", "late");
            try (RawClient c = open(broker)) {
                assertThat(c.send(RawConnect.v5("exp1").cleanStart(false).sessionExpiry(1).bytes())
                        .expectConnAck(0x00).sessionPresent()).as("reconnect after the expiry interval").isFalse();
                c.assertNothingReceived(Duration.ofMillis(300));
            }
        }
    }

    @Test
    @DisplayName("DISCONNECT may raise the Session Expiry Interval set in CONNECT [MQTT5 3.14.2.2.2]")
    void disconnectCanRaiseSessionExpiry() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            try (RawClient c = open(broker)) {
                c.send(RawConnect.v5("raise").cleanStart(false).sessionExpiry(1).bytes()).expectConnAck(0x00);
                subscribe5(c, "s/raise", 1);
                c.send(Packets.packet(0xe0, bytes(0x00), properties(property(0x11, u32(60))))).expectClosed();
            }
            Thread.sleep(2_000); // longer than the CONNECT's 1 s, shorter than the DISCONNECT's 60 s
            try (RawClient c = open(broker)) {
                assertThat(c.send(RawConnect.v5("raise").cleanStart(false).sessionExpiry(60).bytes())
                        .expectConnAck(0x00).sessionPresent()).isTrue();
            }
        }
    }

    @Test
    @DisplayName("DISCONNECT with Session Expiry 0 ends a session that had a longer one [MQTT5 3.14.2.2.2]")
    void disconnectWithExpiryZeroEndsSession() {
        try (TestBroker broker = TestBroker.start()) {
            try (RawClient c = open(broker)) {
                c.send(RawConnect.v5("lower").cleanStart(false).sessionExpiry(60).bytes()).expectConnAck(0x00);
                c.send(Packets.packet(0xe0, bytes(0x00), properties(property(0x11, u32(0))))).expectClosed();
            }
            try (RawClient c = open(broker)) {
                assertThat(c.send(RawConnect.v5("lower").cleanStart(false).sessionExpiry(60).bytes())
                        .expectConnAck(0x00).sessionPresent()).isFalse();
            }
        }
    }

    @Test
    @DisplayName("Non-zero Session Expiry in DISCONNECT after 0 in CONNECT is a protocol error: DISCONNECT 0x82 [MQTT5 3.14.2.2.2]")
    void nonZeroExpiryInDisconnectAfterZeroInConnectIsProtocolError() {
        try (TestBroker broker = TestBroker.start()) {
            try (RawClient c = open(broker)) {
                c.send(RawConnect.v5("zero").cleanStart(false).bytes()).expectConnAck(0x00);
                c.send(Packets.packet(0xe0, bytes(0x00), properties(property(0x11, u32(60))))).expectDisconnect(0x82);
            }
            try (RawClient c = open(broker)) {
                assertThat(c.send(RawConnect.v5("zero").cleanStart(false).bytes()).expectConnAck(0x00).sessionPresent())
                        .as("the refused expiry must not have kept the session").isFalse();
            }
        }
    }

    @Test
    @DisplayName("A requested Session Expiry above the maximum is capped and the CONNACK says so [MQTT5 3.2.2.3.2]")
    void capsSessionExpiryAtConfiguredMaximumAndSaysSoInConnAck() {
        try (TestBroker broker = TestBroker.builder().maxSessionExpiryInterval(10).start()) {
            try (RawClient c = open(broker)) {
                RawPacket connack = c.send(RawConnect.v5("cap").cleanStart(true).sessionExpiry(86_400).bytes()).expectConnAck(0x00);
                assertThat(RawProperties.ofConnAck(connack).number(SESSION_EXPIRY_INTERVAL)).isEqualTo(10);
            }
            Mqtt5BlockingClient hive = Mqtt5Client.builder().identifier("cap-hive").serverHost("127.0.0.1")
                    .serverPort(broker.port()).buildBlocking();
            assertThat(hive.connectWith().sessionExpiryInterval(86_400).send().getSessionExpiryInterval()).hasValue(10);
            hive.disconnect();
        }
    }

    @Test
    void connAckCarriesNoSessionExpiryWhenTheRequestIsGranted() {
        try (TestBroker broker = TestBroker.builder().maxSessionExpiryInterval(10).start(); RawClient c = open(broker)) {
            RawPacket connack = c.send(RawConnect.v5("granted").sessionExpiry(5).bytes()).expectConnAck(0x00);
            RawProperties p = RawProperties.ofConnAck(connack);
            if (p.has(SESSION_EXPIRY_INTERVAL)) {
                assertThat(p.number(SESSION_EXPIRY_INTERVAL)).isEqualTo(5);
            }
        }
    }

    // ---------------------------------------------------------------- takeover

    @Test
    @DisplayName("A second MQTT 5 connection with the same client id: the first gets DISCONNECT 0x8E, the second inherits the session [MQTT-3.1.4-3]")
    void sessionTakeoverDisconnectsFirstMqtt5ConnectionAndKeepsSession() {
        try (TestBroker broker = TestBroker.start();
             RawClient first = open(broker);
             RawClient second = open(broker)) {
            first.send(RawConnect.v5("taken").cleanStart(false).sessionExpiry(60).bytes()).expectConnAck(0x00);
            subscribe5(first, "s/taken", 1);
            assertThat(second.send(RawConnect.v5("taken").cleanStart(false).sessionExpiry(60).bytes())
                    .expectConnAck(0x00).sessionPresent()).isTrue();
            first.expectDisconnect(0x8e);
            publishQos1(broker, "s/taken", "to-second");
            RawPacket p = second.expect(PacketType.PUBLISH);
            assertThat(RawProperties.publishPayload(p, true)).isEqualTo("to-second");
        }
    }

    @Test
    @DisplayName("A second MQTT 3.1.1 connection with the same client id closes the first [MQTT-3.1.4-2]")
    void sessionTakeoverClosesFirstMqtt311Connection() {
        try (TestBroker broker = TestBroker.start();
             RawClient first = open(broker);
             RawClient second = open(broker)) {
            first.send(Packets.connect311("taken3", false, 60)).expectConnAck(0x00);
            subscribe311(first, "s/taken3", 1);
            assertThat(second.send(Packets.connect311("taken3", false, 60)).readPacket().hex()).isEqualTo("20 02 01 00");
            first.expectClosed();
            publishQos1(broker, "s/taken3", "to-second");
            assertThat(RawProperties.publishPayload(second.expect(PacketType.PUBLISH), false)).isEqualTo("to-second");
        }
    }

    @Test
    @DisplayName("Takeover with clean start 1: the first gets 0x8E and the new session starts empty [MQTT-3.1.4-3, MQTT-3.1.2-4]")
    void sessionTakeoverWithCleanStartDiscardsOldSession() {
        try (TestBroker broker = TestBroker.start();
             RawClient first = open(broker);
             RawClient second = open(broker)) {
            first.send(RawConnect.v5("taken-clean").cleanStart(false).sessionExpiry(60).bytes()).expectConnAck(0x00);
            subscribe5(first, "s/taken-clean", 1);
            assertThat(second.send(RawConnect.v5("taken-clean").cleanStart(true).sessionExpiry(60).bytes())
                    .expectConnAck(0x00).sessionPresent()).isFalse();
            first.expectDisconnect(0x8e);
            publishQos1(broker, "s/taken-clean", "nobody");
            second.assertNothingReceived(Duration.ofMillis(500));
        }
    }

    private static void connectSubscribeDisconnect(TestBroker broker, RawConnect connect, String filter) {
        try (RawClient c = open(broker)) {
            c.send(connect.bytes()).expectConnAck(0x00);
            subscribe5(c, filter, 1);
            disconnect(c);
        }
    }
}
