package io.bastionmq.codec.encode;

import static io.bastionmq.codec.packet.MqttVersion.V3_1_1;
import static io.bastionmq.codec.packet.MqttVersion.V5;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.bastionmq.codec.packet.Payload;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.Publish;
import io.bastionmq.codec.packet.QoS;
import io.bastionmq.codec.wire.Property;
import org.junit.jupiter.api.Test;

/** The broker patches the packet id of a PUBLISH encoded once; the offset must point at it (MQTT5 3.3.2.2). */
class PublishPacketIdOffsetTest {
    private static final Payload HI = Payload.utf8("hi");

    @Test
    void offsetFollowsFixedHeaderAndTopic_MQTT_3_3_2_2() {
        Publish p = new Publish("a/b", QoS.AT_LEAST_ONCE, false, false, 0x1234, HI, Properties.EMPTY);
        // 0x32 | 0x09 | 00 03 'a' '/' 'b' | 12 34 | 'h' 'i': the id starts at byte 7
        assertThat(PacketEncoder.publishPacketIdOffset(p, V3_1_1)).isEqualTo(7);
        byte[] bytes = EncodedBytes.encode(p, V3_1_1);
        assertThat(bytes[7]).isEqualTo((byte) 0x12);
        assertThat(bytes[8]).isEqualTo((byte) 0x34);
    }

    @Test
    void offsetCountsATwoByteRemainingLengthAndComesBeforeV5Properties_MQTT5_3_3_2() {
        String topic = "t".repeat(200); // remaining length 200 + 2 + 2 + props + payload > 127: two bytes
        Properties props = Properties.builder().set(Property.MESSAGE_EXPIRY_INTERVAL, 60L).build();
        Publish p = new Publish(topic, QoS.EXACTLY_ONCE, true, false, 0xBEEF, HI, props);
        int offset = PacketEncoder.publishPacketIdOffset(p, V5);
        assertThat(offset).isEqualTo(1 + 2 + 2 + 200);
        byte[] bytes = EncodedBytes.encode(p, V5);
        assertThat(bytes[offset]).isEqualTo((byte) 0xBE);
        assertThat(bytes[offset + 1]).isEqualTo((byte) 0xEF);
        assertThat(bytes[offset + 2]).as("property length follows the id").isEqualTo((byte) 5);
    }

    @Test
    void qos0HasNoPacketId_MQTT_2_2_1_2() {
        Publish p = new Publish("a", QoS.AT_MOST_ONCE, false, false, 0, HI, Properties.EMPTY);
        assertThatIllegalArgumentException().isThrownBy(() -> PacketEncoder.publishPacketIdOffset(p, V3_1_1));
    }
}
