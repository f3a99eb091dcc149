package io.bastionmq.codec.encode;

import static io.bastionmq.codec.encode.EncodedBytes.bytes;
import static io.bastionmq.codec.encode.EncodedBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.bastionmq.codec.packet.Payload;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.wire.Property;
import io.bastionmq.codec.wire.PropertyContext;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** One property list per data type of MQTT5 1.5, each written with its Property Length (MQTT5 2.2.2.1). */
class PropertiesEncoderTest {
    private static String encode(Properties properties, PropertyContext context) {
        int size = PropertiesEncoder.size(properties, context);
        ByteBuf out = Unpooled.buffer();
        PropertiesEncoder.write(out, properties, size);
        assertThat(out.readableBytes()).isEqualTo(PropertiesEncoder.sectionSize(size));
        return hex(ByteBufUtil.getBytes(out));
    }

    private static Properties with(Property property, Object value) {
        return Properties.builder().set(property, value).build();
    }

    @Test
    void encodesEmptyListAsLengthZero_MQTT5_2_2_2_1() {
        assertThat(encode(Properties.EMPTY, PropertyContext.PUBLISH)).isEqualTo(hex(bytes(0x00)));
    }

    @Test
    void encodesByte_MQTT5_1_5_1() {
        assertThat(encode(with(Property.PAYLOAD_FORMAT_INDICATOR, 1), PropertyContext.PUBLISH)).isEqualTo(hex(bytes(
                0x02,      // property length 2
                0x01, 0x01 // payload format indicator, 1
        )));
    }

    @Test
    void encodesTwoByteIntegerBigEndian_MQTT5_1_5_2() {
        assertThat(encode(with(Property.TOPIC_ALIAS, 0x1234), PropertyContext.PUBLISH)).isEqualTo(hex(bytes(
                0x03,            // property length 3
                0x23, 0x12, 0x34 // topic alias, MSB then LSB
        )));
    }

    @Test
    void encodesFourByteIntegerUpToUnsignedMaximum_MQTT5_1_5_3() {
        assertThat(encode(with(Property.MESSAGE_EXPIRY_INTERVAL, 0xFFFF_FFFFL), PropertyContext.PUBLISH)).isEqualTo(hex(bytes(
                0x05,                  // property length 5
                0x02,                  // message expiry interval
                0xFF, 0xFF, 0xFF, 0xFF // 4,294,967,295
        )));
    }

    @Test
    void encodesVariableByteInteger_MQTT5_1_5_5() {
        Properties id = Properties.builder().addSubscriptionIdentifier(16_384).build();
        assertThat(encode(id, PropertyContext.PUBLISH)).isEqualTo(hex(bytes(
                0x04,            // property length 4
                0x0B,            // subscription identifier
                0x80, 0x80, 0x01 // 16,384 as a three-byte VBI
        )));
    }

    @Test
    void encodesRepeatedSubscriptionIdentifiersEachWithItsIdentifier_MQTT5_3_3_4() {
        Properties ids = Properties.builder()
                .addSubscriptionIdentifier(1)
                .addSubscriptionIdentifier(127)
                .addSubscriptionIdentifier(128)
                .addSubscriptionIdentifier(268_435_455)
                .build();
        assertThat(encode(ids, PropertyContext.PUBLISH)).isEqualTo(hex(bytes(
                0x0C,                         // property length 12
                0x0B, 0x01,                   // 1
                0x0B, 0x7F,                   // 127: largest one-byte VBI
                0x0B, 0x80, 0x01,             // 128: smallest two-byte VBI
                0x0B, 0xFF, 0xFF, 0xFF, 0x7F  // 268,435,455: largest VBI
        )));
    }

    @Test
    void encodesUtf8String_MQTT5_1_5_4() {
        assertThat(encode(with(Property.CONTENT_TYPE, "json"), PropertyContext.PUBLISH)).isEqualTo(hex(bytes(
                0x07,                  // property length 7
                0x03,                  // content type
                0x00, 0x04,            // string length 4
                0x6A, 0x73, 0x6F, 0x6E // "json"
        )));
    }

    @Test
    void encodesBinaryData_MQTT5_1_5_6() {
        Properties data = with(Property.CORRELATION_DATA, Payload.copyOf(new byte[] {1, 2, 3}));
        assertThat(encode(data, PropertyContext.PUBLISH)).isEqualTo(hex(bytes(
                0x06,            // property length 6
                0x09,            // correlation data
                0x00, 0x03,      // data length 3
                0x01, 0x02, 0x03 // the bytes
        )));
    }

    @Test
    void encodesUserPropertyPairsInTheirOrderWithRepeatedNames_MQTT5_1_5_7() {
        Properties pairs = Properties.builder().addUserProperty("a", "2").addUserProperty("a", "1").build();
        assertThat(encode(pairs, PropertyContext.DISCONNECT)).isEqualTo(hex(bytes(
                0x0E,                               // property length 14
                0x26, 0x00, 0x01, 0x61, 0x00, 0x01, 0x32, // "a" = "2", first as given
                0x26, 0x00, 0x01, 0x61, 0x00, 0x01, 0x31  // "a" = "1"
        )));
    }

    @Test
    void writesPropertyLengthAsMultiByteVbi_MQTT5_2_2_2_1() {
        Properties reason = with(Property.REASON_STRING, "r".repeat(125)); // 1 + 2 + 125 = 128 bytes
        String encoded = encode(reason, PropertyContext.PUBACK);
        assertThat(encoded).startsWith(hex(bytes(
                0x80, 0x01, // property length 128: two-byte VBI
                0x1F,       // reason string
                0x00, 0x7D  // string length 125
        )));
    }

    @Test
    void encodesWillPropertiesInWillContext_MQTT5_3_1_3_2() {
        assertThat(encode(with(Property.WILL_DELAY_INTERVAL, 5L), PropertyContext.WILL)).isEqualTo(hex(bytes(
                0x05, 0x18, 0x00, 0x00, 0x00, 0x05 // length 5, will delay interval 5
        )));
        assertThatIllegalArgumentException().isThrownBy(() -> PropertiesEncoder.size(
                with(Property.WILL_DELAY_INTERVAL, 5L), PropertyContext.CONNECT));
    }

    @Test
    void rejectsPropertyNotAllowedInPacket_MQTT5_2_2_2_2() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                PropertiesEncoder.size(with(Property.TOPIC_ALIAS, 1), PropertyContext.CONNACK));
        assertThatIllegalArgumentException().isThrownBy(() ->
                PropertiesEncoder.size(Properties.builder().addSubscriptionIdentifier(1).build(), PropertyContext.CONNACK));
    }

    @Test
    void rejectsValuesThatDoNotFitTheirType_MQTT5_1_5() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                PropertiesEncoder.size(with(Property.PAYLOAD_FORMAT_INDICATOR, 256), PropertyContext.PUBLISH));
        assertThatIllegalArgumentException().isThrownBy(() ->
                PropertiesEncoder.size(with(Property.TOPIC_ALIAS, 65_536), PropertyContext.PUBLISH));
        assertThatIllegalArgumentException().isThrownBy(() ->
                PropertiesEncoder.size(with(Property.MESSAGE_EXPIRY_INTERVAL, 0x1_0000_0000L), PropertyContext.PUBLISH));
        assertThatIllegalArgumentException().isThrownBy(() ->
                PropertiesEncoder.size(with(Property.MESSAGE_EXPIRY_INTERVAL, -1L), PropertyContext.PUBLISH));
        assertThatIllegalArgumentException().isThrownBy(() ->
                PropertiesEncoder.size(Properties.builder().addSubscriptionIdentifier(268_435_456).build(), PropertyContext.PUBLISH));
    }

    @Test
    void rejectsSubscriptionIdentifierZero_MQTT5_3_8_2_1_2() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                PropertiesEncoder.size(Properties.builder().addSubscriptionIdentifier(0).build(), PropertyContext.SUBSCRIBE));
    }

    @Test
    void rejectsTwoSubscriptionIdentifiersInSubscribe_MQTT5_3_8_2_1_2() {
        Properties two = Properties.builder().addSubscriptionIdentifier(1).addSubscriptionIdentifier(2).build();
        assertThatIllegalArgumentException().isThrownBy(() -> PropertiesEncoder.size(two, PropertyContext.SUBSCRIBE));
    }
}
