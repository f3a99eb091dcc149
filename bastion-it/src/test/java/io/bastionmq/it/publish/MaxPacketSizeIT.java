package io.bastionmq.it.publish;

import static io.bastionmq.it.publish.Raw.NO_PROPERTIES;
import static io.bastionmq.it.publish.Raw.expectAck;
import static io.bastionmq.it.publish.Raw.nextPublish;
import static io.bastionmq.it.publish.Raw.publish5;
import static io.bastionmq.testkit.Packets.bytes;
import static io.bastionmq.testkit.Packets.concat;
import static io.bastionmq.testkit.Packets.vbi;
import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.it.support.TestBroker;
import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.Packets;
import io.bastionmq.testkit.RawClient;
import io.bastionmq.testkit.RawPacket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Maximum Packet Size in both directions (MQTT5 3.1.2.11.4, 3.2.2.3.6). */
class MaxPacketSizeIT {
    private static final Duration QUIET = Duration.ofMillis(400);
    private static final int LIMIT = 1024;

    @Test
    @DisplayName("CONNACK announces the broker's Maximum Packet Size (MQTT5 3.2.2.3.6)")
    void announcesMaximumPacketSize() {
        try (TestBroker broker = TestBroker.builder().maxPacketSize(LIMIT).start();
             RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
            RawPacket connack = c.send(Packets.connect5("c")).expectConnAck(0x00);
            assertThat(Mqtt5Publish.properties(connack, 2)).containsEntry(0x27, List.of((long) LIMIT));
        }
    }

    @Test
    @DisplayName("a PUBLISH of exactly the maximum size is accepted; one byte more gets DISCONNECT 0x95 (MQTT5 3.2.2.3.6, 4.13)")
    void acceptsPacketAtTheLimitAndRejectsOneByteMore() {
        try (TestBroker broker = TestBroker.builder().maxPacketSize(LIMIT).start();
             RawClient sub = Raw.connect5(broker, "sub");
             RawClient pub = Raw.connect5(broker, "pub")) {
            Raw.subscribe5(sub, "big", 0);
            byte[] atLimit = publishOfSize("big", LIMIT);
            assertThat(atLimit).hasSize(LIMIT);
            pub.send(atLimit);
            pub.send(Packets.pingreq()).expect(PacketType.PINGRESP);
            assertThat(nextPublish(sub).payload().length).isEqualTo(LIMIT - 3 - 2 - "big".length() - 1);

            pub.send(publishOfSize("big", LIMIT + 1)).expectDisconnect(0x95);
            sub.assertNothingReceived(QUIET);
        }
    }

    @Test
    @DisplayName("a packet announced larger than the maximum is refused from its fixed header alone, before the body arrives (MQTT5 3.1.2.11.4)")
    void rejectsOversizePacketFromFixedHeaderAlone() {
        try (TestBroker broker = TestBroker.builder().maxPacketSize(LIMIT).start(); RawClient c = Raw.connect5(broker, "c")) {
            // PUBLISH QoS 0, Remaining Length 10,000,000, and not one byte of the body.
            c.withTimeout(Duration.ofSeconds(3)).send(concat(bytes(0x30), vbi(10_000_000))).expectDisconnect(0x95);
        }
    }

    @Test
    @DisplayName("a 3.1.1 client sending a packet over the maximum is disconnected without a DISCONNECT (MQTT-4.8.0-1)")
    void closes311ConnectionOnOversizePacket() {
        try (TestBroker broker = TestBroker.builder().maxPacketSize(LIMIT).start(); RawClient c = Raw.connect311(broker, "c")) {
            c.withTimeout(Duration.ofSeconds(3)).send(concat(bytes(0x30), vbi(10_000_000))).expectClosed();
        }
        try (TestBroker broker = TestBroker.builder().maxPacketSize(LIMIT).start(); RawClient c = Raw.connect311(broker, "c")) {
            byte[] payload = new byte[2 * LIMIT];
            c.send(Packets.publish311("big", 0, false, 0, payload)).expectClosed();
        }
    }

    @Test
    @DisplayName("a message larger than the subscriber's Maximum Packet Size is not sent to it; the next small one is (MQTT-3.1.2-24, MQTT-3.1.2-25)")
    void skipsMessageLargerThanClientsMaximumPacketSize() {
        try (TestBroker broker = TestBroker.start();
             RawClient small = Raw.connect5(broker, "small", Raw.maximumPacketSize(100));
             RawClient roomy = Raw.connect5(broker, "roomy");
             RawClient pub = Raw.connect5(broker, "pub")) {
            Raw.subscribe5(small, "size/#", 1);
            Raw.subscribe5(roomy, "size/#", 1);
            String big = "x".repeat(500);
            pub.send(publish5("size/t", 1, false, 1, NO_PROPERTIES, big));
            expectAck(pub, PacketType.PUBACK, 1, 0x00);
            pub.send(publish5("size/t", 1, false, 2, NO_PROPERTIES, "small"));
            expectAck(pub, PacketType.PUBACK, 2, 0x00);

            Mqtt5Publish got = nextPublish(small);
            assertThat(got.payloadText()).isEqualTo("small");
            small.send(Packets.puback(got.packetId()));
            small.assertNothingReceived(QUIET);
            assertThat(nextPublish(roomy).payloadText()).isEqualTo(big);
            assertThat(nextPublish(roomy).payloadText()).isEqualTo("small");
        }
    }

    @Test
    @DisplayName("oversize messages dropped for a client do not use up its Receive Maximum window (MQTT-3.1.2-25: as if delivered)")
    void oversizeDropsDoNotBlockTheFlowControlWindow() {
        try (TestBroker broker = TestBroker.start();
             RawClient small = Raw.connect5(broker, "small",
                     concat(Raw.maximumPacketSize(100), Raw.receiveMaximum(2)));
             RawClient pub = Raw.connect5(broker, "pub")) {
            Raw.subscribe5(small, "size/#", 1);
            for (int id = 1; id <= 5; id++) {
                pub.send(publish5("size/t", 1, false, id, NO_PROPERTIES, "y".repeat(300)));
                expectAck(pub, PacketType.PUBACK, id, 0x00);
            }
            pub.send(publish5("size/t", 1, false, 6, NO_PROPERTIES, "fits"));
            expectAck(pub, PacketType.PUBACK, 6, 0x00);
            assertThat(nextPublish(small).payloadText()).isEqualTo("fits");
        }
    }

    /** A QoS 0 MQTT 5 PUBLISH of exactly {@code size} bytes on the wire (size between 130 and 16,384). */
    private static byte[] publishOfSize(String topic, int size) {
        // 1 type byte + 2 Remaining Length bytes + 2 + topic + 1 property length + payload
        int payload = size - 3 - 2 - topic.length() - 1;
        byte[] body = new byte[payload];
        Arrays.fill(body, (byte) 'p');
        byte[] packet = Packets.publish5(topic, 0, false, 0, NO_PROPERTIES, body);
        if (packet.length != size) {
            throw new IllegalStateException("built " + packet.length + " bytes, wanted " + size);
        }
        return packet;
    }
}
