package io.bastionmq.codec.encode;

import static io.bastionmq.codec.encode.EncodedBytes.assertEncodes;
import static io.bastionmq.codec.packet.MqttVersion.V3_1_1;
import static io.bastionmq.codec.packet.MqttVersion.V5;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.bastionmq.codec.packet.Payload;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.Publish;
import io.bastionmq.codec.packet.QoS;
import io.bastionmq.codec.wire.Property;
import org.junit.jupiter.api.Test;

class PublishEncoderTest {
    private static final Payload HI = Payload.utf8("hi");

    @Test
    void encodesQos0WithoutPacketId_MQTT_3_3_2_2() {
        assertEncodes(new Publish("a/b", QoS.AT_MOST_ONCE, false, false, 0, HI, Properties.EMPTY), V3_1_1,
                0x30,                   // PUBLISH, DUP 0, QoS 0, RETAIN 0
                0x07,                   // remaining length 5 + 2
                0x00, 0x03, 0x61, 0x2F, 0x62, // topic "a/b"
                0x68, 0x69              // payload "hi", no length prefix
        );
    }

    @Test
    void encodesQos1RetainWithPacketId_MQTT_3_3_1() {
        assertEncodes(new Publish("a/b", QoS.AT_LEAST_ONCE, true, false, 7, HI, Properties.EMPTY), V3_1_1,
                0x33,                   // PUBLISH, DUP 0, QoS 01, RETAIN 1
                0x09,                   // remaining length 5 + 2 + 2
                0x00, 0x03, 0x61, 0x2F, 0x62, // topic "a/b"
                0x00, 0x07,             // packet identifier 7
                0x68, 0x69              // payload
        );
    }

    @Test
    void encodesQos2Dup_MQTT_3_3_1_1() {
        assertEncodes(new Publish("t", QoS.EXACTLY_ONCE, false, true, 0xFFFF, Payload.EMPTY, Properties.EMPTY), V3_1_1,
                0x3C,             // PUBLISH, DUP 1, QoS 10, RETAIN 0
                0x05,             // remaining length 3 + 2
                0x00, 0x01, 0x74, // topic "t"
                0xFF, 0xFF        // packet identifier 65535; empty payload
        );
    }

    @Test
    void dropsPropertiesFor311() {
        Properties props = Properties.builder().set(Property.MESSAGE_EXPIRY_INTERVAL, 60L).build();
        assertEncodes(new Publish("t", QoS.AT_MOST_ONCE, false, false, 0, HI, props), V3_1_1,
                0x30, 0x05, 0x00, 0x01, 0x74, 0x68, 0x69);
    }

    @Test
    void encodesEmptyPropertyList_MQTT5_3_3_2_3() {
        assertEncodes(new Publish("a/b", QoS.AT_MOST_ONCE, false, false, 0, HI, Properties.EMPTY), V5,
                0x30,                   // PUBLISH QoS 0
                0x08,                   // remaining length 5 + 1 + 2
                0x00, 0x03, 0x61, 0x2F, 0x62, // topic "a/b"
                0x00,                   // property length 0
                0x68, 0x69              // payload
        );
    }

    @Test
    void encodesEmptyTopicWithTopicAlias_MQTT5_3_3_2_3_4() {
        Properties alias = Properties.builder().set(Property.TOPIC_ALIAS, 7).build();
        assertEncodes(new Publish("", QoS.AT_MOST_ONCE, false, false, 0, Payload.EMPTY, alias), V5,
                0x30,             // PUBLISH QoS 0
                0x06,             // remaining length 2 + 1 + 3
                0x00, 0x00,       // topic "" (zero length)
                0x03,             // property length 3
                0x23, 0x00, 0x07  // topic alias 7
        );
    }

    @Test
    void encodesEveryPublishPropertyInIdentifierOrder_MQTT5_3_3_2_3() {
        Properties props = Properties.builder()
                .addUserProperty("k", "v")
                .set(Property.TOPIC_ALIAS, 5)
                .addSubscriptionIdentifier(1)
                .addSubscriptionIdentifier(200)
                .set(Property.CORRELATION_DATA, Payload.copyOf(new byte[] {(byte) 0xCA, (byte) 0xFE}))
                .set(Property.RESPONSE_TOPIC, "r")
                .set(Property.CONTENT_TYPE, "t")
                .set(Property.MESSAGE_EXPIRY_INTERVAL, 60L)
                .set(Property.PAYLOAD_FORMAT_INDICATOR, 1)
                .build();
        assertEncodes(new Publish("a", QoS.AT_LEAST_ONCE, false, false, 1, Payload.EMPTY, props), V5,
                0x32,                         // PUBLISH QoS 1
                0x29,                         // remaining length 3 + 2 + 1 + 35
                0x00, 0x01, 0x61,             // topic "a"
                0x00, 0x01,                   // packet identifier 1
                0x23,                         // property length 35
                0x01, 0x01,                   // payload format indicator 1 (byte)
                0x02, 0x00, 0x00, 0x00, 0x3C, // message expiry 60 (four-byte integer)
                0x03, 0x00, 0x01, 0x74,       // content type "t" (string)
                0x08, 0x00, 0x01, 0x72,       // response topic "r"
                0x09, 0x00, 0x02, 0xCA, 0xFE, // correlation data (binary)
                0x0B, 0x01,                   // subscription identifier 1 (VBI)
                0x0B, 0xC8, 0x01,             // subscription identifier 200 (VBI, two bytes)
                0x23, 0x00, 0x05,             // topic alias 5 (two-byte integer)
                0x26, 0x00, 0x01, 0x6B, 0x00, 0x01, 0x76 // user property "k" = "v" (string pair)
        );
    }

    @Test
    void rejectsDupOnQos0_MQTT_3_3_1_2() {
        Publish dup = new Publish("t", QoS.AT_MOST_ONCE, false, true, 0, HI, Properties.EMPTY);
        assertThatIllegalArgumentException().isThrownBy(() -> PacketEncoder.encodedSize(dup, V5));
    }

    @Test
    void rejectsQos1WithoutPacketId_MQTT_2_3_1_1() {
        Publish noId = new Publish("t", QoS.AT_LEAST_ONCE, false, false, 0, HI, Properties.EMPTY);
        assertThatIllegalArgumentException().isThrownBy(() -> PacketEncoder.encodedSize(noId, V3_1_1));
    }

    @Test
    void rejectsEmptyTopic_MQTT_4_7_3_1() {
        Properties alias = Properties.builder().set(Property.TOPIC_ALIAS, 7).build();
        Publish v3 = new Publish("", QoS.AT_MOST_ONCE, false, false, 0, HI, alias);
        Publish v5 = new Publish("", QoS.AT_MOST_ONCE, false, false, 0, HI, Properties.EMPTY);
        assertThatIllegalArgumentException().isThrownBy(() -> PacketEncoder.encodedSize(v3, V3_1_1));
        assertThatIllegalArgumentException().isThrownBy(() -> PacketEncoder.encodedSize(v5, V5));
    }
}
