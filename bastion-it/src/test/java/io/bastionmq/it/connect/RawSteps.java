package io.bastionmq.it.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.it.support.TestBroker;
import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.Packets;
import io.bastionmq.testkit.RawClient;
import io.bastionmq.testkit.RawPacket;
import java.nio.charset.StandardCharsets;

/** Raw-client steps the session and will tests share: open, subscribe, disconnect, publish and wait for the ack. */
final class RawSteps {
    private static final byte[] NONE = new byte[0];

    private RawSteps() {}

    static RawClient open(TestBroker broker) {
        return RawClient.connect("127.0.0.1", broker.port());
    }

    static void subscribe5(RawClient c, String filter, int qos) {
        RawPacket suback = c.send(Packets.subscribe5(1, filter, qos, NONE)).expect(PacketType.SUBACK);
        assertThat(suback.body()[suback.body().length - 1]).as("SUBACK %s", suback).isEqualTo((byte) qos);
    }

    static void subscribe311(RawClient c, String filter, int qos) {
        assertThat(c.send(Packets.subscribe311(1, filter, qos)).expect(PacketType.SUBACK).hex())
                .isEqualTo(String.format("90 03 00 01 %02x", qos));
    }

    /** A normal DISCONNECT (e0 00 is valid in both versions), then the server closes [MQTT-3.14.4-1]. */
    static void disconnect(RawClient c) {
        c.send(Packets.disconnect311()).expectClosed();
    }

    static void publishQos1(TestBroker broker, String topic, String payload) {
        try (RawClient pub = open(broker)) {
            pub.send(Packets.connect311("", true, 60)).expectConnAck(0x00);
            pub.send(Packets.publish311(topic, 1, false, 7, payload.getBytes(StandardCharsets.UTF_8)));
            assertThat(pub.expect(PacketType.PUBACK).packetId()).isEqualTo(7);
            disconnect(pub);
        }
    }

    static void publishQos2(TestBroker broker, String topic, String payload) {
        try (RawClient pub = open(broker)) {
            pub.send(Packets.connect311("", true, 60)).expectConnAck(0x00);
            pub.send(Packets.publish311(topic, 2, false, 8, payload.getBytes(StandardCharsets.UTF_8)));
            assertThat(pub.expect(PacketType.PUBREC).packetId()).isEqualTo(8);
            pub.send(Packets.pubrel(8));
            assertThat(pub.expect(PacketType.PUBCOMP).packetId()).isEqualTo(8);
            disconnect(pub);
        }
    }
}
