package io.bastionmq.it.connect;

import static io.bastionmq.it.connect.RawProperties.ASSIGNED_CLIENT_IDENTIFIER;
import static io.bastionmq.it.connect.RawProperties.MAXIMUM_PACKET_SIZE;
import static io.bastionmq.it.connect.RawProperties.MAXIMUM_QOS;
import static io.bastionmq.it.connect.RawProperties.RECEIVE_MAXIMUM;
import static io.bastionmq.it.connect.RawProperties.RETAIN_AVAILABLE;
import static io.bastionmq.it.connect.RawProperties.SERVER_KEEP_ALIVE;
import static io.bastionmq.it.connect.RawProperties.SHARED_SUBSCRIPTION_AVAILABLE;
import static io.bastionmq.it.connect.RawProperties.SUBSCRIPTION_IDENTIFIER_AVAILABLE;
import static io.bastionmq.it.connect.RawProperties.TOPIC_ALIAS_MAXIMUM;
import static io.bastionmq.it.connect.RawProperties.WILDCARD_SUBSCRIPTION_AVAILABLE;
import static io.bastionmq.testkit.Packets.property;
import static io.bastionmq.testkit.Packets.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckRestrictions;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.bastionmq.config.MqttConfig;
import io.bastionmq.it.support.TestBroker;
import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.Packets;
import io.bastionmq.testkit.RawClient;
import io.bastionmq.testkit.RawPacket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Black-box tests of the CONNECT/CONNACK handshake, connection-level refusals, the connect
 * timeout and keep alive (MQTT 3.1.1 section 3.1-3.2, 3.12; MQTT 5 section 3.1-3.2, 3.12, 4.13).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ConnectIT {
    private static final byte[] NONE = new byte[0];

    // ---------------------------------------------------------------- successful handshakes

    @Test
    @DisplayName("MQTT 3.1.1 CONNECT is answered 20 02 00 00 [MQTT-3.2.0-1, MQTT-3.2.2-1]")
    void answersMqtt311ConnectWithExactConnAckBytes() {
        try (TestBroker broker = TestBroker.start(); RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
            RawPacket connack = client.send(Packets.connect311("c311", true, 60)).readPacket();
            assertThat(connack.hex()).isEqualTo("20 02 00 00");
            client.send(Packets.pingreq()).expect(PacketType.PINGRESP);
        }
    }

    @Test
    @DisplayName("MQTT 3.1 CONNECT (\"MQIsdp\", level 3) is accepted with 20 02 00 00")
    void acceptsMqtt31ProtocolNameMQIsdp() {
        try (TestBroker broker = TestBroker.start(); RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
            RawPacket connack = client.send(RawConnect.v31("c31").bytes()).readPacket();
            assertThat(connack.hex()).isEqualTo("20 02 00 00");
            client.send(Packets.pingreq()).expect(PacketType.PINGRESP);
        }
    }

    @Test
    void pahoV3ConnectsWithMqtt311AndMqtt31() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            for (int version : new int[] {MqttConnectOptions.MQTT_VERSION_3_1_1, MqttConnectOptions.MQTT_VERSION_3_1}) {
                MqttClient client = new MqttClient(broker.tcpUri(), "paho3-" + version, new MemoryPersistence());
                MqttConnectOptions opts = new MqttConnectOptions();
                opts.setMqttVersion(version);
                opts.setCleanSession(true);
                client.connect(opts);
                assertThat(client.isConnected()).isTrue();
                client.disconnect();
                client.close();
            }
        }
    }

    @Test
    void pahoV3ConnectsOverWebSocket() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            MqttClient client = new MqttClient(broker.webSocketUri(), "paho3-ws", new MemoryPersistence());
            client.connect();
            assertThat(client.isConnected()).isTrue();
            client.disconnect();
            client.close();
        }
    }

    @Test
    void hiveMqMqtt3ClientGetsSuccessWithoutSessionPresent() {
        try (TestBroker broker = TestBroker.start()) {
            Mqtt3BlockingClient client = Mqtt3Client.builder().identifier("hive3").serverHost("127.0.0.1")
                    .serverPort(broker.port()).buildBlocking();
            Mqtt3ConnAck connAck = client.connectWith().cleanSession(true).send();
            assertThat(connAck.getReturnCode()).isEqualTo(Mqtt3ConnAckReturnCode.SUCCESS);
            assertThat(connAck.isSessionPresent()).isFalse(); // MQTT-3.2.2-1
            client.disconnect();
        }
    }

    @Test
    void mosquittoClientsConnectPublishAndSubscribe() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/mosquitto_sub"))
                && Files.isExecutable(Path.of("/usr/bin/mosquitto_pub")), "mosquitto clients not installed");
        try (TestBroker broker = TestBroker.start()) {
            String port = String.valueOf(broker.port());
            Process sub = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", port, "-V", "mqttv5",
                    "-t", "mosq/t", "-C", "1", "-W", "8", "-q", "1").redirectErrorStream(true).start();
            try {
                // Publish until the subscriber, which may not have subscribed yet, has its message.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
                while (sub.isAlive() && System.nanoTime() < deadline) {
                    Process pub = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", port, "-V", "mqttv311",
                            "-t", "mosq/t", "-m", "hello", "-q", "1").redirectErrorStream(true).start();
                    assertThat(pub.waitFor(5, TimeUnit.SECONDS)).isTrue();
                    assertThat(pub.exitValue()).as("mosquitto_pub exit code").isZero();
                    sub.waitFor(300, TimeUnit.MILLISECONDS);
                }
                assertThat(sub.waitFor(1, TimeUnit.SECONDS)).isTrue();
                assertThat(new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim()).isEqualTo("hello");
                assertThat(sub.exitValue()).isZero();
            } finally {
                sub.destroyForcibly();
            }
        }
    }

    // ---------------------------------------------------------------- MQTT 5 CONNACK properties

    @Test
    @DisplayName("MQTT 5 CONNACK states the default limits; Maximum QoS is absent when it is 2 [MQTT5 3.2.2.3, MQTT-3.2.2-9]")
    void mqtt5ConnAckAdvertisesDefaultCapabilities() {
        try (TestBroker broker = TestBroker.start(); RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
            RawPacket connack = client.send(Packets.connect5("props")).expectConnAck(0x00);
            assertThat(connack.sessionPresent()).isFalse();
            RawProperties p = RawProperties.ofConnAck(connack);
            assertThat(p.number(RECEIVE_MAXIMUM)).isEqualTo(MqttConfig.RECEIVE_MAXIMUM_DEFAULT);
            assertThat(p.number(MAXIMUM_PACKET_SIZE)).isEqualTo(MqttConfig.MAX_PACKET_SIZE_DEFAULT);
            assertThat(p.number(TOPIC_ALIAS_MAXIMUM)).isEqualTo(MqttConfig.TOPIC_ALIAS_MAXIMUM_DEFAULT);
            assertThat(p.has(MAXIMUM_QOS)).as("Maximum QoS present although the broker supports QoS 2: %s", p).isFalse();
            // Absent would also mean "available"; a present value must say 1.
            for (int id : new int[] {RETAIN_AVAILABLE, WILDCARD_SUBSCRIPTION_AVAILABLE, SUBSCRIPTION_IDENTIFIER_AVAILABLE,
                    SHARED_SUBSCRIPTION_AVAILABLE}) {
                if (p.has(id)) {
                    assertThat(p.number(id)).as("property 0x%02x in %s", id, p).isEqualTo(1);
                }
            }
            assertThat(p.has(SERVER_KEEP_ALIVE)).isFalse();
            assertThat(p.has(ASSIGNED_CLIENT_IDENTIFIER)).isFalse();
        }
    }

    @Test
    @DisplayName("MQTT 5 CONNACK reflects a restricted configuration [MQTT-3.2.2-9, MQTT-3.2.2-10, MQTT5 3.2.2.3]")
    void mqtt5ConnAckReflectsRestrictedConfiguration() {
        try (TestBroker broker = TestBroker.builder().maximumQos(1).retainAvailable(false).receiveMaximum(7)
                .maxPacketSize(4096).topicAliasMaximum(0).wildcardSubscriptionAvailable(false)
                .sharedSubscriptionAvailable(false).subscriptionIdentifiersAvailable(false).start();
             RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
            RawProperties p = RawProperties.ofConnAck(client.send(Packets.connect5("restricted")).expectConnAck(0x00));
            assertThat(p.number(MAXIMUM_QOS)).isEqualTo(1);
            assertThat(p.number(RETAIN_AVAILABLE)).isEqualTo(0);
            assertThat(p.number(RECEIVE_MAXIMUM)).isEqualTo(7);
            assertThat(p.number(MAXIMUM_PACKET_SIZE)).isEqualTo(4096);
            if (p.has(TOPIC_ALIAS_MAXIMUM)) {
                assertThat(p.number(TOPIC_ALIAS_MAXIMUM)).isZero(); // absent means 0 (MQTT5 3.2.2.3.8)
            }
            assertThat(p.number(WILDCARD_SUBSCRIPTION_AVAILABLE)).isEqualTo(0);
            assertThat(p.number(SHARED_SUBSCRIPTION_AVAILABLE)).isEqualTo(0);
            assertThat(p.number(SUBSCRIPTION_IDENTIFIER_AVAILABLE)).isEqualTo(0);
        }
    }

    @Test
    void mqtt5ConnAckAdvertisesMaximumQosZero() {
        try (TestBroker broker = TestBroker.builder().maximumQos(0).start();
             RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
            RawProperties p = RawProperties.ofConnAck(client.send(Packets.connect5("qos0")).expectConnAck(0x00));
            assertThat(p.number(MAXIMUM_QOS)).isZero();
        }
    }

    @Test
    void hiveMqMqtt5ClientSeesTheConfiguredRestrictions() {
        try (TestBroker broker = TestBroker.builder().maximumQos(1).retainAvailable(false).receiveMaximum(9)
                .maxPacketSize(8192).topicAliasMaximum(5).start()) {
            Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("hive5-restr").serverHost("127.0.0.1")
                    .serverPort(broker.port()).buildBlocking();
            Mqtt5ConnAck connAck = client.connect();
            Mqtt5ConnAckRestrictions r = connAck.getRestrictions();
            assertThat(r.getMaximumQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
            assertThat(r.isRetainAvailable()).isFalse();
            assertThat(r.getReceiveMaximum()).isEqualTo(9);
            assertThat(r.getMaximumPacketSize()).isEqualTo(8192);
            assertThat(r.getTopicAliasMaximum()).isEqualTo(5);
            assertThat(r.isWildcardSubscriptionAvailable()).isTrue();
            assertThat(r.isSharedSubscriptionAvailable()).isTrue();
            assertThat(r.areSubscriptionIdentifiersAvailable()).isTrue();
            client.disconnect();
        }
    }

    // ---------------------------------------------------------------- client identifiers

    @Test
    @DisplayName("MQTT 5 CONNECT with an empty client id gets an Assigned Client Identifier [MQTT-3.1.3-6, MQTT-3.2.2-16]")
    void assignsClientIdentifierToMqtt5ClientWithEmptyId() {
        try (TestBroker broker = TestBroker.start();
             RawClient a = RawClient.connect("127.0.0.1", broker.port());
             RawClient b = RawClient.connect("127.0.0.1", broker.port())) {
            String idA = RawProperties.ofConnAck(a.send(Packets.connect5("")).expectConnAck(0x00)).string(ASSIGNED_CLIENT_IDENTIFIER);
            String idB = RawProperties.ofConnAck(b.send(Packets.connect5("")).expectConnAck(0x00)).string(ASSIGNED_CLIENT_IDENTIFIER);
            assertThat(idA).isNotEmpty().isNotEqualTo(idB); // MQTT-3.1.3-6: unique to the server
            // Both keep their connection: neither assignment took the other over.
            a.send(Packets.pingreq()).expect(PacketType.PINGRESP);
            b.send(Packets.pingreq()).expect(PacketType.PINGRESP);
        }
    }

    @Test
    void clientWithAssignedIdentifierCanSubscribeAndPublish() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            Mqtt5BlockingClient client = Mqtt5Client.builder().serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
            Mqtt5ConnAck connAck = client.connect();
            assertThat(connAck.getAssignedClientIdentifier()).isPresent();
            try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
                client.subscribeWith().topicFilter("assigned/t").qos(MqttQos.EXACTLY_ONCE).send();
                client.publishWith().topic("assigned/t").qos(MqttQos.AT_LEAST_ONCE).payload("x".getBytes()).send();
                Optional<Mqtt5Publish> got = publishes.receive(5, TimeUnit.SECONDS);
                assertThat(got).isPresent();
                assertThat(new String(got.get().getPayloadAsBytes())).isEqualTo("x");
            }
            client.disconnect();
        }
    }

    @Test
    void pahoV5ReceivesAssignedClientIdentifier() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            org.eclipse.paho.mqttv5.client.MqttClient client = new org.eclipse.paho.mqttv5.client.MqttClient(
                    broker.tcpUri(), "", new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
            MqttConnectionOptions opts = new MqttConnectionOptions();
            opts.setCleanStart(true);
            IMqttToken token = client.connectWithResult(opts);
            assertThat(token.getResponseProperties().getAssignedClientIdentifier()).isNotEmpty();
            client.disconnect();
            client.close();
        }
    }

    @Test
    @DisplayName("MQTT 3.1.1 empty client id with clean session 1 is accepted [MQTT-3.1.3-6, MQTT-3.1.3-7]")
    void acceptsEmptyClientIdWithCleanSessionUnderMqtt311() {
        try (TestBroker broker = TestBroker.start(); RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
            assertThat(client.send(Packets.connect311("", true, 60)).readPacket().hex()).isEqualTo("20 02 00 00");
            client.send(Packets.pingreq()).expect(PacketType.PINGRESP);
        }
    }

    @Test
    @DisplayName("MQTT 3.1.1 empty client id with clean session 0 gets return code 0x02 and is closed [MQTT-3.1.3-8]")
    void refusesEmptyClientIdWithoutCleanSessionUnderMqtt311() {
        try (TestBroker broker = TestBroker.start(); RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
            assertThat(client.send(Packets.connect311("", false, 60)).readPacket().hex()).isEqualTo("20 02 00 02");
            client.expectClosed();
        }
    }

    @Test
    @DisplayName("A client id longer than the configured maximum: 0x85 (MQTT 5), 0x02 (3.1.1) [MQTT-3.1.3-5]")
    void refusesClientIdLongerThanConfiguredMaximum() {
        try (TestBroker broker = TestBroker.builder().maxClientIdLength(30).start()) {
            try (RawClient v5 = RawClient.connect("127.0.0.1", broker.port())) {
                RawPacket connack = v5.send(Packets.connect5("a".repeat(31))).expectConnAck(0x85);
                assertThat(connack.sessionPresent()).isFalse(); // MQTT-3.2.2-6
                v5.expectClosed();
            }
            try (RawClient v3 = RawClient.connect("127.0.0.1", broker.port())) {
                assertThat(v3.send(Packets.connect311("a".repeat(31), true, 60)).readPacket().hex()).isEqualTo("20 02 00 02");
                v3.expectClosed();
            }
            try (RawClient exact = RawClient.connect("127.0.0.1", broker.port())) {
                exact.send(Packets.connect5("a".repeat(30))).expectConnAck(0x00);
            }
        }
    }

    // ---------------------------------------------------------------- protocol errors before and at CONNECT

    @Test
    @DisplayName("Unsupported protocol level 6 gets 20 02 00 01 and is closed [MQTT-3.1.2-2]")
    void refusesUnsupportedProtocolLevel() {
        try (TestBroker broker = TestBroker.start(); RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
            byte[] connect = RawConnect.v311("lvl6").protocol("MQTT", 6).bytes();
            assertThat(client.send(connect).readPacket().hex()).isEqualTo("20 02 00 01");
            client.expectClosed();
        }
    }

    @Test
    @DisplayName("Protocol name \"MQTT\" with level 3 gets 20 02 00 01 and is closed [MQTT-3.1.2-2]")
    void refusesLevelThreeWithProtocolNameMqtt() {
        try (TestBroker broker = TestBroker.start(); RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
            byte[] connect = RawConnect.v311("lvl3").protocol("MQTT", 3).bytes();
            assertThat(client.send(connect).readPacket().hex()).isEqualTo("20 02 00 01");
            client.expectClosed();
        }
    }

    @Test
    @DisplayName("An unknown protocol name is not accepted [MQTT-3.1.2-1]")
    void refusesUnknownProtocolName() {
        try (TestBroker broker = TestBroker.start(); RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
            client.send(RawConnect.v311("name").protocol("MQTX", 4).bytes());
            // The server MAY answer 0x01 before closing; it must not accept.
            if (!client.isClosed(Duration.ofSeconds(5))) {
                throw new AssertionError("connection still open after an unknown protocol name");
            }
        }
    }

    @Test
    @DisplayName("A first packet other than CONNECT closes the connection without a CONNACK [MQTT-3.1.0-1]")
    void closesConnectionWhoseFirstPacketIsNotConnect() {
        try (TestBroker broker = TestBroker.start()) {
            for (byte[] first : new byte[][] {Packets.pingreq(), Packets.publish311("a", 0, false, 0, "x".getBytes()),
                    Packets.subscribe311(1, "a", 0), Packets.disconnect311()}) {
                try (RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
                    client.send(first).expectClosed();
                }
            }
        }
    }

    @Test
    @DisplayName("A second CONNECT on an MQTT 5 connection gets DISCONNECT 0x82 [MQTT-3.1.0-2]")
    void secondConnectIsProtocolErrorForMqtt5() {
        try (TestBroker broker = TestBroker.start(); RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
            client.send(Packets.connect5("twice")).expectConnAck(0x00);
            client.send(Packets.connect5("twice")).expectDisconnect(0x82);
        }
    }

    @Test
    @DisplayName("A second CONNECT on an MQTT 3.1.1 connection closes it [MQTT-3.1.0-2]")
    void secondConnectClosesMqtt311Connection() {
        try (TestBroker broker = TestBroker.start(); RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
            client.send(Packets.connect311("twice3", true, 60)).expectConnAck(0x00);
            client.send(Packets.connect311("twice3", true, 60)).expectClosed();
        }
    }

    @Test
    @DisplayName("The reserved CONNECT flag set is a malformed packet: no success, connection closed [MQTT-3.1.2-3]")
    void closesConnectionWithReservedConnectFlag() {
        try (TestBroker broker = TestBroker.start()) {
            try (RawClient v3 = RawClient.connect("127.0.0.1", broker.port())) {
                v3.send(RawConnect.v311("rsv3").reservedFlag().bytes()).expectClosed();
            }
            try (RawClient v5 = RawClient.connect("127.0.0.1", broker.port())) {
                v5.send(RawConnect.v5("rsv5").reservedFlag().bytes());
                assertRefusedOrClosed(v5, 0x81);
            }
        }
    }

    @Test
    @DisplayName("MQTT 3.1.1: password flag without user name flag is refused [MQTT-3.1.2-22]")
    void refusesPasswordWithoutUserNameUnderMqtt311() {
        try (TestBroker broker = TestBroker.start(); RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
            client.send(RawConnect.v311("pw-only").password("secret").bytes()).expectClosed();
        }
    }

    @Test
    @DisplayName("Will QoS 3 is malformed [MQTT-3.1.2-14]")
    void refusesWillQosThree() {
        try (TestBroker broker = TestBroker.start(); RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
            client.send(RawConnect.v5("wq3").will("w/t", "x", 3, false).bytes());
            assertRefusedOrClosed(client, 0x81);
        }
    }

    @Test
    @DisplayName("A will topic with a wildcard is refused [MQTT-3.1.3-11, MQTT5 3.1.3.3]")
    void refusesWillTopicWithWildcard() {
        try (TestBroker broker = TestBroker.start(); RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
            client.send(RawConnect.v5("wild").will("w/+", "x", 0, false).bytes());
            assertRefusedOrClosed(client, 0x90);
        }
    }

    // ---------------------------------------------------------------- authentication

    @Test
    @DisplayName("A listener without anonymous access refuses MQTT 5: 0x87 without credentials, 0x86 with [MQTT5 3.2.2.2]")
    void listenerWithoutAnonymousAccessRefusesMqtt5Clients() {
        try (TestBroker broker = TestBroker.builder().anonymous(false).start()) {
            try (RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
                assertThat(client.send(RawConnect.v5("anon").bytes()).expectConnAck(0x87).sessionPresent()).isFalse();
                client.expectClosed();
            }
            try (RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
                client.send(RawConnect.v5("creds").username("alice").password("wrong").bytes()).expectConnAck(0x86);
                client.expectClosed();
            }
        }
    }

    @Test
    @DisplayName("A listener without anonymous access refuses MQTT 3.1.1: rc 0x05 without credentials, 0x04 with [MQTT 3.1.1 3.2.2.3]")
    void listenerWithoutAnonymousAccessRefusesMqtt311Clients() {
        try (TestBroker broker = TestBroker.builder().anonymous(false).start()) {
            try (RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
                assertThat(client.send(RawConnect.v311("anon3").bytes()).readPacket().hex()).isEqualTo("20 02 00 05");
                client.expectClosed();
            }
            try (RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
                assertThat(client.send(RawConnect.v311("creds3").username("alice").password("wrong").bytes())
                        .readPacket().hex()).isEqualTo("20 02 00 04");
                client.expectClosed();
            }
        }
    }

    @Test
    void pahoV3SeesNotAuthorizedAndBadCredentials() throws Exception {
        try (TestBroker broker = TestBroker.builder().anonymous(false).start()) {
            MqttClient client = new MqttClient(broker.tcpUri(), "paho-auth", new MemoryPersistence());
            assertThatThrownBy(() -> client.connect(new MqttConnectOptions()))
                    .isInstanceOf(MqttSecurityException.class)
                    .extracting(e -> ((MqttException) e).getReasonCode()).isEqualTo((int) MqttException.REASON_CODE_NOT_AUTHORIZED);
            MqttConnectOptions withCreds = new MqttConnectOptions();
            withCreds.setUserName("alice");
            withCreds.setPassword("wrong".toCharArray());
            assertThatThrownBy(() -> client.connect(withCreds))
                    .isInstanceOf(MqttSecurityException.class)
                    .extracting(e -> ((MqttException) e).getReasonCode()).isEqualTo((int) MqttException.REASON_CODE_FAILED_AUTHENTICATION);
            client.close();
        }
    }

    @Test
    @DisplayName("An Authentication Method the broker does not support gets 0x8C [MQTT5 4.12, MQTT-4.12.0-1]")
    void refusesUnsupportedAuthenticationMethod() {
        try (TestBroker broker = TestBroker.start(); RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
            // MQTT5 3.1.2.11.9 / 4.12: a method the server does not offer is refused with 0x8C
            // (SCRAM is offered by default; Kerberos never is).
            byte[] connect = RawConnect.v5("gssapi").properties(property(0x15, utf8("GSSAPI"))).bytes();
            assertThat(client.send(connect).expectConnAck(0x8c).sessionPresent()).isFalse();
            client.expectClosed();
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Either a CONNACK with {@code reason} followed by a close, or a close straight away; never success. */
    static void assertRefusedOrClosed(RawClient client, int reason) {
        if (client.isClosed(Duration.ofSeconds(5))) {
            try {
                RawPacket p = client.readPacket();
                assertThat(p.type()).as("packet before close: %s", p).isEqualTo(PacketType.CONNACK);
                assertThat(p.connackReturnCode()).as("CONNACK before close: %s", p).isEqualTo(reason);
            } catch (AssertionError closedWithoutPacket) {
                if (!closedWithoutPacket.getMessage().contains("connection closed by the server")) {
                    throw closedWithoutPacket;
                }
            }
            return;
        }
        throw new AssertionError("connection still open after an invalid CONNECT");
    }

    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
