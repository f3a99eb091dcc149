package io.bastionmq.it.transport;

import io.bastionmq.it.support.Paho5Callback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.bastionmq.it.support.TestBroker;
import io.bastionmq.testkit.Hex;
import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.Packets;
import io.bastionmq.testkit.RawPacket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** MQTT over WebSocket (MQTT 6.0, MQTT5 6): third-party clients, the handshake, and framing. */
class WebSocketIT {

    @Test
    @DisplayName("Paho v3 publishes and receives at QoS 0, 1 and 2 over ws://…/mqtt")
    void pahoV3PublishesAndSubscribesOverWebSocket() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            var sub = new org.eclipse.paho.client.mqttv3.MqttClient(broker.webSocketUri(), "ws-sub3", new MemoryPersistence());
            var pub = new org.eclipse.paho.client.mqttv3.MqttClient(broker.webSocketUri(), "ws-pub3", new MemoryPersistence());
            try {
                MqttConnectOptions options = new MqttConnectOptions();
                options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
                sub.connect(options);
                pub.connect(options);
                BlockingQueue<String> got = new ArrayBlockingQueue<>(10);
                sub.subscribe("ws/#", 2, (topic, m) -> got.add(topic + "=" + new String(m.getPayload(), StandardCharsets.UTF_8) + "@" + m.getQos()));
                for (int qos = 0; qos <= 2; qos++) {
                    pub.publish("ws/v3", ("m" + qos).getBytes(StandardCharsets.UTF_8), qos, false);
                    assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo("ws/v3=m" + qos + "@" + qos);
                }
                pub.disconnect();
                sub.disconnect();
            } finally {
                pub.close(true);
                sub.close(true);
            }
        }
    }

    @Test
    @DisplayName("Paho v5 publishes and receives with a user property over ws://…/mqtt")
    void pahoV5PublishesAndSubscribesOverWebSocket() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            var sub = new org.eclipse.paho.mqttv5.client.MqttClient(broker.webSocketUri(), "ws-sub5",
                    new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
            var pub = new org.eclipse.paho.mqttv5.client.MqttClient(broker.webSocketUri(), "ws-pub5",
                    new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
            try {
                BlockingQueue<MqttMessage> got = new ArrayBlockingQueue<>(10);
                sub.setCallback(new Received(got));
                sub.connect(new MqttConnectionOptions());
                pub.connect(new MqttConnectionOptions());
                sub.subscribe("ws5/#", 2);
                MqttMessage message = new MqttMessage("over ws".getBytes(StandardCharsets.UTF_8), 2, false, new MqttProperties());
                MqttProperties properties = new MqttProperties();
                properties.setUserProperties(java.util.List.of(new org.eclipse.paho.mqttv5.common.packet.UserProperty("k", "v")));
                message.setProperties(properties);
                pub.publish("ws5/a", message);

                MqttMessage received = got.poll(5, TimeUnit.SECONDS);
                assertThat(received).isNotNull();
                assertThat(new String(received.getPayload(), StandardCharsets.UTF_8)).isEqualTo("over ws");
                assertThat(received.getQos()).isEqualTo(2);
                assertThat(received.getProperties().getUserProperties())
                        .extracting(p -> p.getKey() + "=" + p.getValue()).containsExactly("k=v"); // MQTT-3.3.2-18
                pub.disconnect();
                sub.disconnect();
            } finally {
                pub.close(true);
                sub.close(true);
            }
        }
    }

    @Test
    @DisplayName("HiveMQ MQTT 5 client publishes and receives over WebSocket with server path mqtt")
    void hiveMqClientPublishesAndSubscribesOverWebSocket() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            Mqtt5BlockingClient sub = hiveWs(broker, "hive-ws-sub");
            Mqtt5BlockingClient pub = hiveWs(broker, "hive-ws-pub");
            try {
                sub.connect();
                pub.connect();
                try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
                    sub.subscribeWith().topicFilter("hive/ws/+").qos(MqttQos.EXACTLY_ONCE).send();
                    pub.publishWith().topic("hive/ws/x").qos(MqttQos.AT_LEAST_ONCE)
                            .payload("hive".getBytes(StandardCharsets.UTF_8)).send();
                    Optional<Mqtt5Publish> received = publishes.receive(5, TimeUnit.SECONDS);
                    assertThat(received).isPresent();
                    assertThat(received.get().getTopic().toString()).isEqualTo("hive/ws/x");
                    assertThat(received.get().getPayloadAsBytes()).asString(StandardCharsets.UTF_8).isEqualTo("hive");
                    assertThat(received.get().getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
                }
            } finally {
                pub.disconnect();
                sub.disconnect();
            }
        }
    }

    @Test
    @DisplayName("The handshake offers subprotocol mqtt and the response selects it [MQTT-6.0.0-3, MQTT-6.0.0-4]")
    void handshakeSelectsMqttSubprotocol() throws Exception {
        try (TestBroker broker = TestBroker.start();
                WebSocketPeer peer = WebSocketPeer.connect(broker.webSocketUri())) {
            assertThat(peer.subprotocol()).isEqualTo("mqtt");
            peer.sendBinary(Packets.connect5("ws-handshake"), true);
            RawPacket connack = peer.readPacket();
            assertThat(connack.type()).isEqualTo(PacketType.CONNACK);
            assertThat(connack.connackReturnCode()).isEqualTo(0x00);
        }
    }

    @Test
    @DisplayName("A WebSocket upgrade on a path other than /mqtt is refused with HTTP 404")
    void refusesUpgradeOnWrongPathWithNotFound() throws Exception {
        try (TestBroker broker = TestBroker.start(); HttpClient http = HttpClient.newHttpClient()) {
            URI wrong = URI.create("ws://127.0.0.1:" + broker.webSocketPort() + "/not-mqtt");
            var handshake = http.newWebSocketBuilder().subprotocols("mqtt").connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(wrong, new WebSocket.Listener() {});
            assertThatThrownBy(() -> handshake.get(5, TimeUnit.SECONDS))
                    .as("the handshake fails (and does not hang)")
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                            .as("HTTP status").isEqualTo(404));
        }
    }

    @Test
    @DisplayName("A text frame closes the connection [MQTT-6.0.0-1]")
    void closesConnectionOnTextFrame() throws Exception {
        try (TestBroker broker = TestBroker.start();
                WebSocketPeer peer = WebSocketPeer.connect(broker.webSocketUri())) {
            peer.sendBinary(Packets.connect311("ws-text", true, 60), true);
            assertThat(peer.readPacket().connackReturnCode()).isEqualTo(0x00);
            assertThat(peer.awaitClosed(Duration.ofMillis(300))).as("open before the text frame").isFalse();

            peer.sendText("c000");

            assertThat(peer.awaitClosed(Duration.ofSeconds(5))).as("closed after a text frame").isTrue();
        }
    }

    @Test
    @DisplayName("A packet split across two binary WebSocket messages is reassembled [MQTT-6.0.0-2]")
    void reassemblesPacketSplitAcrossBinaryFrames() throws Exception {
        try (TestBroker broker = TestBroker.start();
                WebSocketPeer peer = WebSocketPeer.connect(broker.webSocketUri())) {
            byte[] connect = Packets.connect311("ws-split", true, 60);
            peer.sendBinary(Arrays.copyOfRange(connect, 0, 5), true);
            peer.sendBinary(Arrays.copyOfRange(connect, 5, connect.length), true);
            assertThat(Hex.format(peer.readPacket().bytes())).isEqualTo("20 02 00 00");

            // And within one fragmented message: PINGREQ's two bytes in a frame and its continuation.
            peer.sendBinary(Hex.parse("c0"), false);
            peer.sendBinary(Hex.parse("00"), true);
            assertThat(Hex.format(peer.readPacket().bytes())).isEqualTo("d0 00");
        }
    }

    @Test
    @DisplayName("Several packets in one binary frame are all processed [MQTT-6.0.0-2]")
    void processesSeveralPacketsInOneBinaryFrame() throws Exception {
        try (TestBroker broker = TestBroker.start();
                WebSocketPeer peer = WebSocketPeer.connect(broker.webSocketUri())) {
            peer.sendBinary(Packets.concat(Packets.connect311("ws-batch", true, 60), Packets.pingreq(), Packets.pingreq()), true);
            assertThat(Hex.format(peer.readPacket().bytes())).isEqualTo("20 02 00 00");
            assertThat(Hex.format(peer.readPacket().bytes())).isEqualTo("d0 00");
            assertThat(Hex.format(peer.readPacket().bytes())).isEqualTo("d0 00");
        }
    }

    private static Mqtt5BlockingClient hiveWs(TestBroker broker, String clientId) {
        return Mqtt5Client.builder()
                .identifier(clientId)
                .serverHost("127.0.0.1")
                .serverPort(broker.webSocketPort())
                .webSocketConfig().serverPath("mqtt").applyWebSocketConfig()
                .buildBlocking();
    }

    /** Paho v5 callback that queues every message. */
    private record Received(BlockingQueue<MqttMessage> queue) implements Paho5Callback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            queue.add(message);
        }
    }
}
