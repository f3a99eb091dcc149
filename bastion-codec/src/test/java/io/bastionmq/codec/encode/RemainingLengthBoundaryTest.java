package io.bastionmq.codec.encode;

import static io.bastionmq.codec.encode.EncodedBytes.bytes;
import static io.bastionmq.codec.encode.EncodedBytes.encode;
import static io.bastionmq.codec.encode.EncodedBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Payload;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.PubAck;
import io.bastionmq.codec.packet.Publish;
import io.bastionmq.codec.packet.QoS;
import io.bastionmq.codec.reason.PubAckReason;
import io.bastionmq.codec.wire.Property;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The remaining length is a Variable Byte Integer (MQTT5 2.1.4, 1.5.5): check each size step. */
class RemainingLengthBoundaryTest {
    /** A 3.1.1 QoS 0 PUBLISH to topic "t" (3 bytes) whose remaining length is {@code remaining}. */
    private static Publish publishWithRemainingLength(int remaining) {
        return new Publish("t", QoS.AT_MOST_ONCE, false, false, 0, Payload.wrap(new byte[remaining - 3]), Properties.EMPTY);
    }

    private static void assertHeader(int remaining, int... header) {
        Publish publish = publishWithRemainingLength(remaining);
        byte[] encoded = encode(publish, MqttVersion.V3_1_1);
        assertThat(encoded).hasSize(header.length + remaining);
        assertThat(PacketEncoder.encodedSize(publish, MqttVersion.V3_1_1)).isEqualTo(encoded.length);
        // The header, then the topic right behind it.
        assertThat(hex(Arrays.copyOf(encoded, header.length + 3)))
                .isEqualTo(hex(bytes(header)) + " " + hex(bytes(0x00, 0x01, 0x74)));
    }

    @Test
    void writes127AsOneByte_MQTT5_1_5_5() {
        assertHeader(127, 0x30, 0x7F);
    }

    @Test
    void writes128AsTwoBytes_MQTT5_1_5_5() {
        assertHeader(128, 0x30, 0x80, 0x01);
    }

    @Test
    void writes16383AsTwoBytes_MQTT5_1_5_5() {
        assertHeader(16_383, 0x30, 0xFF, 0x7F);
    }

    @Test
    void writes16384AsThreeBytes_MQTT5_1_5_5() {
        assertHeader(16_384, 0x30, 0x80, 0x80, 0x01);
    }

    @Test
    void writes2097151And2097152_MQTT5_1_5_5() {
        assertHeader(2_097_151, 0x30, 0xFF, 0xFF, 0x7F);
        assertHeader(2_097_152, 0x30, 0x80, 0x80, 0x80, 0x01);
    }

    @Test
    void crossesBoundariesInPropertyLengthAndRemainingLengthTogether_MQTT5_2_2_2_1() {
        // Reason string of 124 bytes: properties 1 + 2 + 124 = 127 (one-byte length), remaining 2 + 1 + 1 + 127 = 131.
        PubAck ack127 = new PubAck(1, PubAckReason.UNSPECIFIED_ERROR,
                Properties.builder().set(Property.REASON_STRING, "r".repeat(124)).build());
        byte[] encoded = encode(ack127, MqttVersion.V5);
        assertThat(hex(Arrays.copyOf(encoded, 7))).isEqualTo(hex(bytes(
                0x40,       // PUBACK
                0x83, 0x01, // remaining length 131
                0x00, 0x01, // packet identifier 1
                0x80,       // unspecified error
                0x7F        // property length 127
        )));
        assertThat(encoded).hasSize(134);

        // One byte more: the property length needs two bytes, remaining 2 + 1 + 2 + 128 = 133.
        PubAck ack128 = new PubAck(1, PubAckReason.UNSPECIFIED_ERROR,
                Properties.builder().set(Property.REASON_STRING, "r".repeat(125)).build());
        encoded = encode(ack128, MqttVersion.V5);
        assertThat(hex(Arrays.copyOf(encoded, 8))).isEqualTo(hex(bytes(
                0x40, 0x85, 0x01, 0x00, 0x01, 0x80,
                0x80, 0x01  // property length 128
        )));
        assertThat(encoded).hasSize(136);
        assertThat(PacketEncoder.encodedSize(ack128, MqttVersion.V5)).isEqualTo(136);
    }

    @Test
    void rejectsRemainingLengthBeyondFourBytes_MQTT5_2_1_4() {
        assertThat(FixedHeaderEncoder.remainingLength(268_435_455L)).isEqualTo(268_435_455);
        assertThatIllegalArgumentException().isThrownBy(() -> FixedHeaderEncoder.remainingLength(268_435_456L));
        assertThat(FixedHeaderEncoder.packetSize(268_435_455)).isEqualTo(1 + 4 + 268_435_455);
    }
}
