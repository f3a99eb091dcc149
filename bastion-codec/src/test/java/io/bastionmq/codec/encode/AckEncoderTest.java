package io.bastionmq.codec.encode;

import static io.bastionmq.codec.encode.EncodedBytes.assertEncodes;
import static io.bastionmq.codec.packet.MqttVersion.V3_1_1;
import static io.bastionmq.codec.packet.MqttVersion.V5;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.PubAck;
import io.bastionmq.codec.packet.PubComp;
import io.bastionmq.codec.packet.PubRec;
import io.bastionmq.codec.packet.PubRel;
import io.bastionmq.codec.reason.PubAckReason;
import io.bastionmq.codec.reason.PubCompReason;
import io.bastionmq.codec.reason.PubRecReason;
import io.bastionmq.codec.reason.PubRelReason;
import io.bastionmq.codec.wire.Property;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class AckEncoderTest {
    private static final Properties REASON_OK = Properties.builder().set(Property.REASON_STRING, "ok").build();

    @Test
    void encodesPubAckAsPacketIdOnly_MQTT_3_4() {
        assertEncodes(new PubAck(0x1234), V3_1_1,
                0x40,       // PUBACK, flags 0000
                0x02,       // remaining length 2
                0x12, 0x34  // packet identifier 0x1234
        );
    }

    @Test
    void dropsReasonAndPropertiesOfPubAckFor311() {
        assertEncodes(new PubAck(0x1234, PubAckReason.NOT_AUTHORIZED, REASON_OK), V3_1_1,
                0x40, 0x02, // PUBACK, remaining length 2: 3.1.1 cannot carry a reason
                0x12, 0x34  // packet identifier
        );
    }

    @Test
    void encodesPubAckSuccessWithoutPropertiesAsTwoBytes_MQTT5_3_4_2_1() {
        assertEncodes(new PubAck(0x1234), V5,
                0x40,       // PUBACK
                0x02,       // remaining length 2: reason and property length omitted
                0x12, 0x34  // packet identifier
        );
    }

    @Test
    void encodesPubAckErrorWithoutPropertiesWithoutPropertyLength_MQTT5_3_4_2_2_1() {
        assertEncodes(new PubAck(0x1234, PubAckReason.NO_MATCHING_SUBSCRIBERS, Properties.EMPTY), V5,
                0x40,       // PUBACK
                0x03,       // remaining length 3
                0x12, 0x34, // packet identifier
                0x10        // reason: no matching subscribers; no property length follows
        );
    }

    @Test
    void encodesPubAckSuccessWithPropertiesWithReasonByte_MQTT5_3_4_2() {
        assertEncodes(new PubAck(0x1234, PubAckReason.SUCCESS, REASON_OK), V5,
                0x40,       // PUBACK
                0x09,       // remaining length 2 + 1 + 1 + 5
                0x12, 0x34, // packet identifier
                0x00,       // reason: success (needed, because properties follow)
                0x05,       // property length 5
                0x1F,       // reason string
                0x00, 0x02, // string length 2
                0x6F, 0x6B  // "ok"
        );
    }

    @Test
    void encodesPubRec_MQTT_3_5() {
        assertEncodes(new PubRec(1), V3_1_1,
                0x50, 0x02, // PUBREC, remaining length 2
                0x00, 0x01  // packet identifier 1
        );
    }

    @Test
    void encodesPubRecError_MQTT5_3_5_2_1() {
        assertEncodes(new PubRec(1, PubRecReason.PACKET_IDENTIFIER_IN_USE, Properties.EMPTY), V5,
                0x50, 0x03, // PUBREC, remaining length 3
                0x00, 0x01, // packet identifier 1
                0x91        // reason: packet identifier in use
        );
    }

    @Test
    void encodesPubRelWithFlags0010_MQTT_3_6_1_1() {
        assertEncodes(new PubRel(1), V3_1_1,
                0x62,       // PUBREL, flags 0010 (MQTT-3.6.1-1)
                0x02,       // remaining length 2
                0x00, 0x01  // packet identifier 1
        );
    }

    @Test
    void encodesPubRelError_MQTT5_3_6_2_1() {
        assertEncodes(new PubRel(1, PubRelReason.PACKET_IDENTIFIER_NOT_FOUND, Properties.EMPTY), V5,
                0x62, 0x03, // PUBREL flags 0010, remaining length 3
                0x00, 0x01, // packet identifier 1
                0x92        // reason: packet identifier not found
        );
    }

    @Test
    void encodesPubComp_MQTT_3_7() {
        assertEncodes(new PubComp(1), V3_1_1,
                0x70, 0x02, // PUBCOMP, remaining length 2
                0x00, 0x01  // packet identifier 1
        );
    }

    @Test
    void encodesPubCompSuccessWithoutPropertiesAsTwoBytes_MQTT5_3_7_2_1() {
        assertEncodes(new PubComp(1), V5, 0x70, 0x02, 0x00, 0x01);
    }

    @Test
    void encodesPubCompWithUserProperty_MQTT5_3_7_2_2() {
        Properties user = Properties.builder().addUserProperty("a", "b").build();
        assertEncodes(new PubComp(1, PubCompReason.SUCCESS, user), V5,
                0x70,             // PUBCOMP
                0x0B,             // remaining length 2 + 1 + 1 + 7
                0x00, 0x01,       // packet identifier 1
                0x00,             // reason: success
                0x07,             // property length 7
                0x26,             // user property
                0x00, 0x01, 0x61, // name "a"
                0x00, 0x01, 0x62  // value "b"
        );
    }

    @Test
    void rejectsPacketIdZero_MQTT5_2_2_1() {
        assertThatIllegalArgumentException().isThrownBy(() -> PacketEncoder.encode(new PubAck(0), V5, Unpooled.buffer()));
        assertThatIllegalArgumentException().isThrownBy(() -> PacketEncoder.encodedSize(new PubRel(65536), V3_1_1));
    }

    @Test
    void rejectsPropertyNotAllowedInPubAck_MQTT5_2_2_2_2() {
        Properties alias = Properties.builder().set(Property.TOPIC_ALIAS, 1).build();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PacketEncoder.encode(new PubAck(1, PubAckReason.SUCCESS, alias), V5, Unpooled.buffer()))
                .withMessageContaining("TOPIC_ALIAS");
    }
}
