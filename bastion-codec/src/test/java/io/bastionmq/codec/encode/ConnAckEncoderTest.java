package io.bastionmq.codec.encode;

import static io.bastionmq.codec.encode.EncodedBytes.assertEncodes;
import static io.bastionmq.codec.packet.MqttVersion.V3_1;
import static io.bastionmq.codec.packet.MqttVersion.V3_1_1;
import static io.bastionmq.codec.packet.MqttVersion.V5;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.bastionmq.codec.packet.ConnAck;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.reason.ConnAckReason;
import io.bastionmq.codec.wire.Property;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class ConnAckEncoderTest {
    @Test
    void encodesAcceptedWithSessionPresent_MQTT_3_2_2() {
        assertEncodes(new ConnAck(true, ConnAckReason.SUCCESS, Properties.EMPTY), V3_1_1,
                0x20, // CONNACK
                0x02, // remaining length 2
                0x01, // acknowledge flags: session present
                0x00  // return code 0: accepted
        );
    }

    @Test
    void clearsSessionPresentOnRefusal_MQTT_3_2_2_4() {
        assertEncodes(new ConnAck(true, ConnAckReason.NOT_AUTHORIZED, Properties.EMPTY), V3_1_1,
                0x20, 0x02, // CONNACK, remaining length 2
                0x00,       // session present forced to 0 with a non-zero return code
                0x05        // return code 5: not authorized
        );
    }

    @Test
    void mapsV5ReasonsToReturnCodes_MQTT_3_2_2_3() {
        assertEncodes(new ConnAck(false, ConnAckReason.BANNED, Properties.EMPTY), V3_1_1, 0x20, 0x02, 0x00, 0x05);
        assertEncodes(new ConnAck(false, ConnAckReason.SERVER_BUSY, Properties.EMPTY), V3_1_1, 0x20, 0x02, 0x00, 0x03);
        assertEncodes(new ConnAck(false, ConnAckReason.UNSUPPORTED_PROTOCOL_VERSION, Properties.EMPTY), V3_1_1, 0x20, 0x02, 0x00, 0x01);
        assertEncodes(new ConnAck(false, ConnAckReason.CLIENT_IDENTIFIER_NOT_VALID, Properties.EMPTY), V3_1_1, 0x20, 0x02, 0x00, 0x02);
        assertEncodes(new ConnAck(false, ConnAckReason.BAD_USER_NAME_OR_PASSWORD, Properties.EMPTY), V3_1_1, 0x20, 0x02, 0x00, 0x04);
    }

    @Test
    void refusesReasonWithoutReturnCodeAndWritesNothing_MQTT_3_1_4_1() {
        ConnAck malformed = new ConnAck(false, ConnAckReason.MALFORMED_PACKET, Properties.EMPTY);
        ByteBuf out = Unpooled.buffer();
        assertThatIllegalArgumentException().isThrownBy(() -> PacketEncoder.encode(malformed, V3_1_1, out));
        assertThat(out.writerIndex()).isZero();
        assertThatIllegalArgumentException().isThrownBy(() -> PacketEncoder.encodedSize(malformed, V3_1_1));
    }

    @Test
    void writesReservedZeroFlagsForMqtt31() {
        assertEncodes(new ConnAck(true, ConnAckReason.SUCCESS, Properties.EMPTY), V3_1,
                0x20, 0x02, // CONNACK, remaining length 2
                0x00,       // MQTT 3.1: the flags byte is reserved, no session present
                0x00        // accepted
        );
    }

    @Test
    void dropsPropertiesFor311() {
        Properties props = Properties.builder().set(Property.RECEIVE_MAXIMUM, 10).build();
        assertEncodes(new ConnAck(false, ConnAckReason.SUCCESS, props), V3_1_1, 0x20, 0x02, 0x00, 0x00);
    }

    @Test
    void encodesSuccessWithEmptyPropertyList_MQTT5_3_2_2_3() {
        assertEncodes(new ConnAck(false, ConnAckReason.SUCCESS, Properties.EMPTY), V5,
                0x20, // CONNACK
                0x03, // remaining length 3
                0x00, // flags: no session present
                0x00, // reason: success
                0x00  // property length 0: never omitted in CONNACK
        );
    }

    @Test
    void encodesPropertiesInIdentifierOrder_MQTT5_3_2_2_3() {
        Properties props = Properties.builder()
                .set(Property.MAXIMUM_QOS, 1)
                .set(Property.RECEIVE_MAXIMUM, 10)
                .set(Property.ASSIGNED_CLIENT_IDENTIFIER, "id")
                .build();
        assertEncodes(new ConnAck(true, ConnAckReason.SUCCESS, props), V5,
                0x20,                         // CONNACK
                0x0D,                         // remaining length 2 + 1 + 10
                0x01,                         // session present
                0x00,                         // success
                0x0A,                         // property length 10
                0x12, 0x00, 0x02, 0x69, 0x64, // assigned client identifier "id"
                0x21, 0x00, 0x0A,             // receive maximum 10
                0x24, 0x01                    // maximum QoS 1
        );
    }

    @Test
    void clearsSessionPresentOnRefusal_MQTT_3_2_2_6() {
        assertEncodes(new ConnAck(true, ConnAckReason.BAD_USER_NAME_OR_PASSWORD, Properties.EMPTY), V5,
                0x20, 0x03, // CONNACK, remaining length 3
                0x00,       // session present forced to 0
                0x86,       // reason: bad user name or password
                0x00        // property length 0
        );
    }

    @Test
    void writesV5OnlyReasonsForV5() {
        assertEncodes(new ConnAck(false, ConnAckReason.PROTOCOL_ERROR, Properties.EMPTY), V5, 0x20, 0x03, 0x00, 0x82, 0x00);
    }
}
