package io.bastionmq.it.connect;

import static io.bastionmq.it.connect.ConnectIT.millisSince;
import static io.bastionmq.it.connect.RawProperties.SERVER_KEEP_ALIVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.bastionmq.it.support.TestBroker;
import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.Packets;
import io.bastionmq.testkit.RawClient;
import io.bastionmq.testkit.RawPacket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The clocks of a connection: the connect timeout before CONNECT (MQTT5 3.1.4) and keep alive
 * after it (MQTT 3.1.1 3.1.2.10, MQTT5 3.1.2.10, 3.2.2.3.14, 3.12). Apart from {@link ConnectIT}
 * because every test here has to let time pass.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class KeepAliveIT {
    private static final byte[] NONE = new byte[0];

    // ---------------------------------------------------------------- connect timeout

    @Test
    @DisplayName("A socket that sends nothing is closed after the connect timeout [MQTT5 3.1.4]")
    void closesSilentSocketAfterConnectTimeout() {
        try (TestBroker broker = TestBroker.builder().connectTimeout(Duration.ofSeconds(1)).start();
             RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
            long start = System.nanoTime();
            client.withTimeout(Duration.ofSeconds(4)).expectClosed();
            assertThat(millisSince(start)).isBetween(800L, 3000L);
        }
    }

    @Test
    @DisplayName("A socket that sends only part of a CONNECT is closed after the connect timeout [MQTT5 3.1.4]")
    void closesSocketWithPartialConnectAfterConnectTimeout() {
        try (TestBroker broker = TestBroker.builder().connectTimeout(Duration.ofSeconds(1)).start();
             RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
            byte[] connect = Packets.connect311("partial", true, 60);
            long start = System.nanoTime();
            client.send(java.util.Arrays.copyOf(connect, connect.length - 3));
            client.withTimeout(Duration.ofSeconds(4)).expectClosed();
            assertThat(millisSince(start)).isBetween(800L, 3000L);
        }
    }

    @Test
    void connectTimeoutDoesNotCloseAConnectedClient() {
        try (TestBroker broker = TestBroker.builder().connectTimeout(Duration.ofSeconds(1)).start();
             RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
            client.send(Packets.connect311("in-time", true, 0)).expectConnAck(0x00);
            client.assertNothingReceived(Duration.ofMillis(1800));
            client.send(Packets.pingreq()).expect(PacketType.PINGRESP);
        }
    }

    // ---------------------------------------------------------------- keep alive

    @Test
    @DisplayName("MQTT 3.1.1 client silent for 1.5 x keep alive is disconnected [MQTT-3.1.2-24]")
    void disconnectsSilentMqtt311ClientAfterOneAndAHalfKeepAlives() {
        try (TestBroker broker = TestBroker.start(); RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
            client.send(Packets.connect311("ka3", true, 1)).expectConnAck(0x00);
            long start = System.nanoTime();
            client.withTimeout(Duration.ofSeconds(4)).expectClosed();
            assertThat(millisSince(start)).isBetween(1300L, 3000L);
        }
    }

    @Test
    @DisplayName("MQTT 5 client silent for 1.5 x keep alive gets DISCONNECT 0x8D [MQTT-3.1.2-24, MQTT5 4.13]")
    void disconnectsSilentMqtt5ClientWithKeepAliveTimeout() {
        try (TestBroker broker = TestBroker.start(); RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
            client.send(Packets.connect5("ka5", true, 1, NONE)).expectConnAck(0x00);
            long start = System.nanoTime();
            client.withTimeout(Duration.ofSeconds(4)).expectDisconnect(0x8d);
            assertThat(millisSince(start)).isBetween(1300L, 3000L);
        }
    }

    @Test
    @DisplayName("PINGREQ is answered d0 00 and keeps the connection alive [MQTT-3.12.4-1, MQTT-3.1.2-23]")
    void pingRequestsAreAnsweredAndKeepTheConnectionAlive() {
        try (TestBroker broker = TestBroker.start(); RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
            client.send(Packets.connect311("pinger", true, 1)).expectConnAck(0x00);
            for (int i = 0; i < 4; i++) { // 4 x 0.6 s = 2.4 s, well past 1.5 x keep alive
                client.assertNothingReceived(Duration.ofMillis(600));
                assertThat(client.send(Packets.pingreq()).readPacket().hex()).isEqualTo("d0 00");
            }
        }
    }

    @Test
    @DisplayName("Keep alive 0 turns the mechanism off [MQTT5 3.1.2.10]")
    void keepAliveZeroNeverTimesOut() {
        try (TestBroker broker = TestBroker.start(); RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
            client.send(Packets.connect5("ka0", true, 0, NONE)).expectConnAck(0x00);
            client.assertNothingReceived(Duration.ofMillis(2000));
            client.send(Packets.pingreq()).expect(PacketType.PINGRESP);
        }
    }

    @Test
    @DisplayName("Server Keep Alive is sent to MQTT 5 clients and replaces theirs [MQTT-3.2.2-21, MQTT-3.2.2-22]")
    void serverKeepAliveIsAdvertisedAndEnforced() {
        try (TestBroker broker = TestBroker.builder().serverKeepAlive(1).start();
             RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
            RawPacket connack = client.send(Packets.connect5("ska", true, 60, NONE)).expectConnAck(0x00);
            assertThat(RawProperties.ofConnAck(connack).number(SERVER_KEEP_ALIVE)).isEqualTo(1);
            long start = System.nanoTime();
            client.withTimeout(Duration.ofSeconds(4)).expectDisconnect(0x8d);
            assertThat(millisSince(start)).isBetween(1300L, 3000L);
        }
    }

    @Test
    void serverKeepAliveOfFiveSecondsIsSentInConnAck() {
        try (TestBroker broker = TestBroker.builder().serverKeepAlive(5).start()) {
            try (RawClient v5 = RawClient.connect("127.0.0.1", broker.port())) {
                RawPacket connack = v5.send(Packets.connect5("ska5", true, 0, NONE)).expectConnAck(0x00);
                assertThat(RawProperties.ofConnAck(connack).number(SERVER_KEEP_ALIVE)).isEqualTo(5);
            }
            try (RawClient v3 = RawClient.connect("127.0.0.1", broker.port())) {
                // 3.1.1 has no CONNACK properties.
                assertThat(v3.send(Packets.connect311("ska3", true, 60)).readPacket().hex()).isEqualTo("20 02 00 00");
            }
            Mqtt5BlockingClient hive = Mqtt5Client.builder().identifier("ska-hive").serverHost("127.0.0.1")
                    .serverPort(broker.port()).buildBlocking();
            assertThat(hive.connect().getServerKeepAlive()).hasValue(5);
            hive.disconnect();
        }
    }
}
