package io.bastionmq.it.limits;

import static io.bastionmq.testkit.Packets.concat;
import static io.bastionmq.testkit.Packets.connect5;
import static io.bastionmq.testkit.Packets.property;
import static io.bastionmq.testkit.Packets.publish5;
import static io.bastionmq.testkit.Packets.subscribe311;
import static io.bastionmq.testkit.Packets.subscribe5;
import static io.bastionmq.testkit.Packets.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.it.support.TestBroker;
import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.RawClient;
import io.bastionmq.testkit.RawPacket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** THREATS.md C14 per packet: subscriptions per client, topic length, user properties. */
class PacketLimitsIT {
    private static final byte[] NONE = new byte[0];
    private static TestBroker broker;

    @BeforeAll
    static void start() {
        broker = TestBroker.builder().limits(new LimitsBuilder().maxSubscriptions(3).maxTopicLength(32).maxUserProperties(2).build()).start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static RawClient connected(String id) {
        RawClient c = RawClient.connect("127.0.0.1", broker.port());
        c.send(connect5(id)).expectConnAck(0x00);
        return c;
    }

    /** MQTT 5 SUBACK body: packet id (2), property length (1 when empty), then one reason code per filter. */
    private static int subAckReason(RawPacket subAck) {
        return subAck.body()[3] & 0xFF;
    }

    private static byte[] userProperties(int n) {
        byte[][] props = new byte[n][];
        for (int i = 0; i < n; i++) {
            props[i] = property(0x26, concat(utf8("k" + i), utf8("v")));
        }
        return concat(props);
    }

    @Test
    void subscriptionsBeyondTheLimitGetQuotaExceededButReplacingOneIsFine() {
        try (RawClient c = connected("subscriber")) {
            for (int i = 1; i <= 3; i++) {
                assertThat(subAckReason(c.send(subscribe5(i, "t/" + i, 1, NONE)).expect(PacketType.SUBACK))).isEqualTo(0x01);
            }
            assertThat(subAckReason(c.send(subscribe5(4, "t/4", 1, NONE)).expect(PacketType.SUBACK)))
                    .as("MQTT5 3.9.3: 0x97 quota exceeded").isEqualTo(0x97);
            assertThat(subAckReason(c.send(subscribe5(5, "t/1", 0, NONE)).expect(PacketType.SUBACK)))
                    .as("same filter again replaces, it does not add").isEqualTo(0x00);
        }
        try (RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
            c.send(io.bastionmq.testkit.Packets.connect311("subscriber311", true, 60)).expectConnAck(0x00);
            for (int i = 1; i <= 3; i++) c.send(subscribe311(i, "u/" + i, 1)).expect(PacketType.SUBACK);
            RawPacket refused = c.send(subscribe311(4, "u/4", 1)).expect(PacketType.SUBACK);
            assertThat(refused.body()[2] & 0xFF).as("3.1.1 knows only 0x80 for failure").isEqualTo(0x80);
        }
        assertThat(broker.broker().metrics().subscriptionQuotaRefused.sum()).isEqualTo(2);
    }

    @Test
    void topicFilterLongerThanTheLimitGetsTopicFilterInvalid() {
        try (RawClient c = connected("long-filter")) {
            String longFilter = "f/" + "x".repeat(40);
            assertThat(subAckReason(c.send(subscribe5(1, longFilter, 0, NONE)).expect(PacketType.SUBACK))).isEqualTo(0x8F);
        }
    }

    @Test
    void topicNameLongerThanTheLimitIsDisconnectedWithTopicNameInvalid() {
        try (RawClient c = connected("long-topic")) {
            c.send(publish5("p/" + "x".repeat(40), 0, false, 0, NONE, "hi".getBytes(StandardCharsets.UTF_8)));
            c.expectDisconnect(0x90); // MQTT5 3.14.2.1
        }
    }

    @Test
    void publishWithTooManyUserPropertiesGetsImplementationSpecificError() {
        try (RawClient c = connected("props")) {
            RawPacket ok = c.send(publish5("p/ok", 1, false, 1, userProperties(2), NONE)).expect(PacketType.PUBACK);
            assertThat(ok.reasonCode()).isIn(0x00, 0x10);
            RawPacket refused = c.send(publish5("p/many", 1, false, 2, userProperties(3), NONE)).expect(PacketType.PUBACK);
            assertThat(refused.reasonCode()).as("MQTT5 3.4.2.1: 0x83 valid but not accepted").isEqualTo(0x83);
            assertThat(subAckReason(c.send(subscribe5(3, "s/1", 0, userProperties(3))).expect(PacketType.SUBACK))).isEqualTo(0x83);
        }
        try (RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
            c.send(connect5("props2", true, 60, userProperties(3))).expectConnAck(0x83);
        }
    }
}
