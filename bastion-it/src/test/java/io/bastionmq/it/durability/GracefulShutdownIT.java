package io.bastionmq.it.durability;

import static io.bastionmq.it.durability.Wire.NO_PROPERTIES;
import static io.bastionmq.it.durability.Wire.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.it.transport.PublishBody;
import io.bastionmq.testkit.BrokerProcess;
import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.Packets;
import io.bastionmq.testkit.RawClient;
import io.bastionmq.testkit.RawPacket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM: the broker says goodbye to its clients, exits, and keeps persistent sessions. */
class GracefulShutdownIT {
    @TempDir
    Path dir;

    @Test
    @DisplayName("SIGTERM: MQTT 5 client gets DISCONNECT 0x8B, 3.1.1 client is closed, the process exits [MQTT5 3.14.2.1]")
    void tellsClientsServerShuttingDownAndExitsOnSigterm() {
        DurableBroker config = DurableBroker.in(dir);
        BrokerProcess broker = config.start();
        try (broker;
                RawClient v5 = RawClient.connect("127.0.0.1", config.port());
                RawClient v3 = RawClient.connect("127.0.0.1", config.port())) {
            v5.send(Packets.connect5("v5")).expectConnAck(0x00);
            v3.send(Packets.connect311("v3", true, 60)).expectConnAck(0x00);

            int exitCode = broker.stop(Duration.ofSeconds(15));

            assertThat(broker.isAlive()).isFalse();
            // 143 = 128 + SIGTERM, the JVM's code for a signal-initiated shutdown; 0 if it exits itself.
            assertThat(exitCode).as("exit code after SIGTERM").isIn(0, 143);
            v5.expectDisconnect(0x8B); // Server shutting down
            v3.expectClosed(); // 3.1.1 has no server DISCONNECT [MQTT-3.14]
            assertThat(broker.log()).contains("shutting down");
        }
    }

    @Test
    @DisplayName("SIGTERM keeps a persistent session's queued QoS 1 messages for the restart [MQTT-3.1.2-4, MQTT-4.4.0-1]")
    void keepsQueuedQos1MessagesOfPersistentSessionAcrossGracefulRestart() {
        DurableBroker config = DurableBroker.in(dir);
        try (BrokerProcess broker = config.start()) {
            try (RawClient sub = Wire.connectPersistent5(config.port(), "queued", true, false)) {
                sub.send(Packets.subscribe5(1, "graceful/q", 1, NO_PROPERTIES)).expect(PacketType.SUBACK);
                sub.send(Packets.disconnect5(0x00));
                sub.expectClosed();
            }
            try (RawClient pub = RawClient.connect("127.0.0.1", config.port())) {
                pub.send(Packets.connect5("pub")).expectConnAck(0x00);
                for (int n = 1; n <= 5; n++) {
                    pub.send(Packets.publish5("graceful/q", 1, false, n, NO_PROPERTIES, text("m" + n)));
                    assertThat(pub.expect(PacketType.PUBACK).reasonCode()).isEqualTo(0x00);
                }
            }
            broker.stop(Duration.ofSeconds(15));
        }
        try (BrokerProcess broker = config.start();
                RawClient sub = Wire.connectPersistent5(config.port(), "queued", false, true)) {
            List<String> received = new ArrayList<>();
            for (int n = 1; n <= 5; n++) {
                RawPacket p = sub.expect(PacketType.PUBLISH);
                received.add(PublishBody.payloadText(p, true));
                sub.send(Packets.puback(PublishBody.packetId(p)));
            }
            // In order: MQTT-4.6.0-6 (ordered topic), queued messages keep their order.
            assertThat(received).containsExactly("m1", "m2", "m3", "m4", "m5");
            assertThat(Wire.poll(sub, Duration.ofMillis(500))).as("nothing more").isNull();
        }
    }
}
