package io.bastionmq.codec.encode;

import static io.bastionmq.codec.encode.EncodedBytes.assertEncodes;
import static io.bastionmq.codec.packet.MqttVersion.V3_1_1;
import static io.bastionmq.codec.packet.MqttVersion.V5;
import static io.bastionmq.codec.reason.SubAckReason.GRANTED_QOS_0;
import static io.bastionmq.codec.reason.SubAckReason.GRANTED_QOS_1;
import static io.bastionmq.codec.reason.SubAckReason.GRANTED_QOS_2;
import static io.bastionmq.codec.reason.SubAckReason.NOT_AUTHORIZED;
import static io.bastionmq.codec.reason.SubAckReason.TOPIC_FILTER_INVALID;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.SubAck;
import io.bastionmq.codec.packet.UnsubAck;
import io.bastionmq.codec.reason.UnsubAckReason;
import io.bastionmq.codec.wire.Property;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SUBACK and UNSUBACK. */
class SubAckEncoderTest {
    private static final List<io.bastionmq.codec.reason.SubAckReason> MIXED =
            List.of(GRANTED_QOS_0, GRANTED_QOS_1, GRANTED_QOS_2, NOT_AUTHORIZED, TOPIC_FILTER_INVALID);

    @Test
    void mapsEveryFailureTo0x80_MQTT_3_9_3_2() {
        assertEncodes(new SubAck(1, MIXED, Properties.EMPTY), V3_1_1,
                0x90,       // SUBACK
                0x07,       // remaining length 2 + 5
                0x00, 0x01, // packet identifier 1
                0x00,       // granted QoS 0
                0x01,       // granted QoS 1
                0x02,       // granted QoS 2
                0x80,       // not authorized (0x87) becomes failure
                0x80        // topic filter invalid (0x8F) becomes failure
        );
    }

    @Test
    void encodesReasonCodesAsGiven_MQTT5_3_9_3() {
        assertEncodes(new SubAck(1, MIXED, Properties.EMPTY), V5,
                0x90,             // SUBACK
                0x08,             // remaining length 2 + 1 + 5
                0x00, 0x01,       // packet identifier 1
                0x00,             // property length 0: never omitted in SUBACK
                0x00, 0x01, 0x02, // granted QoS 0, 1, 2
                0x87,             // not authorized
                0x8F              // topic filter invalid
        );
    }

    @Test
    void encodesSubAckProperties_MQTT5_3_9_2_1() {
        Properties reason = Properties.builder().set(Property.REASON_STRING, "x").build();
        assertEncodes(new SubAck(1, List.of(GRANTED_QOS_1), reason), V5,
                0x90, 0x08,             // SUBACK, remaining length 2 + 5 + 1
                0x00, 0x01,             // packet identifier 1
                0x04,                   // property length 4
                0x1F, 0x00, 0x01, 0x78, // reason string "x"
                0x01                    // granted QoS 1
        );
    }

    @Test
    void rejectsSubAckWithoutReasons_MQTT5_3_9_3() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                PacketEncoder.encodedSize(new SubAck(1, List.of(), Properties.EMPTY), V3_1_1));
    }

    @Test
    void encodesUnsubAckAsPacketIdOnly_MQTT_3_11() {
        UnsubAck unsubAck = new UnsubAck(7, List.of(UnsubAckReason.SUCCESS), Properties.EMPTY);
        assertEncodes(unsubAck, V3_1_1,
                0xB0,      // UNSUBACK
                0x02,      // remaining length 2: no payload in 3.1.1
                0x00, 0x07 // packet identifier 7
        );
    }

    @Test
    void encodesUnsubAckReasonCodes_MQTT5_3_11_3() {
        UnsubAck unsubAck = new UnsubAck(7, List.of(UnsubAckReason.SUCCESS, UnsubAckReason.NO_SUBSCRIPTION_EXISTED), Properties.EMPTY);
        assertEncodes(unsubAck, V5,
                0xB0,       // UNSUBACK
                0x05,       // remaining length 2 + 1 + 2
                0x00, 0x07, // packet identifier 7
                0x00,       // property length 0
                0x00,       // success
                0x11        // no subscription existed
        );
    }

    @Test
    void rejectsV5UnsubAckWithoutReasons_MQTT5_3_11_3() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                PacketEncoder.encodedSize(new UnsubAck(7, List.of(), Properties.EMPTY), V5));
    }
}
