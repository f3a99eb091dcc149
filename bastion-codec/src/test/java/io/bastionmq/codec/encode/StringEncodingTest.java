package io.bastionmq.codec.encode;

import static io.bastionmq.codec.encode.EncodedBytes.assertEncodes;
import static io.bastionmq.codec.encode.EncodedBytes.bytes;
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
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** UTF-8 Encoded Strings (MQTT5 1.5.4) and Binary Data (MQTT5 1.5.6). */
class StringEncodingTest {
    private static Publish publishTo(String topic) {
        return new Publish(topic, QoS.AT_MOST_ONCE, false, false, 0, Payload.EMPTY, Properties.EMPTY);
    }

    @Test
    void countsUtf8BytesNotChars_MQTT5_1_5_4() {
        assertEncodes(publishTo("é€😀"), MqttVersion.V3_1_1,
                0x30,                   // PUBLISH QoS 0
                0x0B,                   // remaining length 2 + 9
                0x00, 0x09,             // string length: 9 bytes for 4 chars
                0xC3, 0xA9,             // U+00E9 é: two bytes
                0xE2, 0x82, 0xAC,       // U+20AC €: three bytes
                0xF0, 0x9F, 0x98, 0x80  // U+1F600 😀: a surrogate pair, four bytes
        );
    }

    @Test
    void acceptsStringOf65535Bytes_MQTT5_1_5_4() {
        Publish publish = publishTo("a".repeat(65_535));
        // 1 + 3 (remaining length 65,537 as a VBI) + 2 + 65,535
        assertThat(PacketEncoder.encodedSize(publish, MqttVersion.V3_1_1)).isEqualTo(65_541);
        assertThat(EncodedBytes.encode(publish, MqttVersion.V3_1_1)).hasSize(65_541);
    }

    @Test
    void rejectsStringOver65535Bytes_MQTT5_1_5_4() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                PacketEncoder.encodedSize(publishTo("a".repeat(65_536)), MqttVersion.V3_1_1));
        // Fewer than 65,535 chars, but 21,846 x 3 = 65,538 bytes.
        assertThatIllegalArgumentException().isThrownBy(() ->
                PacketEncoder.encodedSize(publishTo("€".repeat(21_846)), MqttVersion.V3_1_1));
    }

    @Test
    void rejectsUnpairedSurrogateInsteadOfWritingQuestionMark_MQTT_1_5_4_1() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                PacketEncoder.encodedSize(publishTo("a\uD83D"), MqttVersion.V3_1_1));
        assertThatIllegalArgumentException().isThrownBy(() ->
                PacketEncoder.encodedSize(publishTo("\uDE00a"), MqttVersion.V3_1_1));
    }

    @Test
    void rejectsNullCharacter_MQTT_1_5_4_2() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                PacketEncoder.encodedSize(publishTo("a\u0000b"), MqttVersion.V3_1_1));
    }

    @Test
    void rejectsBinaryDataOver65535Bytes_MQTT5_1_5_6() {
        Properties data = Properties.builder().set(Property.CORRELATION_DATA, Payload.wrap(new byte[65_536])).build();
        Publish publish = new Publish("t", QoS.AT_MOST_ONCE, false, false, 0, Payload.EMPTY, data);
        assertThatIllegalArgumentException().isThrownBy(() -> PacketEncoder.encodedSize(publish, MqttVersion.V5));
    }

    @Test
    void writesNothingWhenAStringIsRejected() {
        PubAck ack = new PubAck(1, PubAckReason.UNSPECIFIED_ERROR,
                Properties.builder().set(Property.REASON_STRING, "bad\uD800").build());
        ByteBuf out = Unpooled.buffer();
        assertThatIllegalArgumentException().isThrownBy(() -> PacketEncoder.encode(ack, MqttVersion.V5, out));
        assertThat(out.writerIndex()).isZero();
    }

    @Test
    void fitsABufferCappedAtTheExactPacketSize() {
        // Netty's writeUtf8 reserves three bytes per char; the encoder must reserve only what it writes.
        Publish publish = publishTo("éééé"); // 8 bytes, but 12 reserved by writeUtf8
        int size = PacketEncoder.encodedSize(publish, MqttVersion.V3_1_1);
        ByteBuf out = Unpooled.buffer(size, size);
        PacketEncoder.encode(publish, MqttVersion.V3_1_1, out);
        assertThat(hex(ByteBufUtil.getBytes(out))).isEqualTo(hex(bytes(
                0x30, 0x0A,            // PUBLISH, remaining length 10
                0x00, 0x08,            // string length 8
                0xC3, 0xA9, 0xC3, 0xA9, 0xC3, 0xA9, 0xC3, 0xA9)));
    }
}
