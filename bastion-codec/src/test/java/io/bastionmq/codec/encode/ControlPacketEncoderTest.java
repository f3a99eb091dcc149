package io.bastionmq.codec.encode;

import static io.bastionmq.codec.encode.EncodedBytes.assertEncodes;
import static io.bastionmq.codec.packet.MqttVersion.V3_1_1;
import static io.bastionmq.codec.packet.MqttVersion.V5;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.bastionmq.codec.packet.Auth;
import io.bastionmq.codec.packet.Disconnect;
import io.bastionmq.codec.packet.Payload;
import io.bastionmq.codec.packet.PingReq;
import io.bastionmq.codec.packet.PingResp;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.reason.AuthReason;
import io.bastionmq.codec.reason.DisconnectReason;
import io.bastionmq.codec.wire.Property;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** PINGREQ, PINGRESP, DISCONNECT and AUTH. */
class ControlPacketEncoderTest {
    @Test
    void encodesPingReq_MQTT_3_12() {
        assertEncodes(PingReq.INSTANCE, V3_1_1, 0xC0, 0x00); // PINGREQ, remaining length 0
        assertEncodes(PingReq.INSTANCE, V5, 0xC0, 0x00);
    }

    @Test
    void encodesPingResp_MQTT_3_13() {
        assertEncodes(PingResp.INSTANCE, V3_1_1, 0xD0, 0x00); // PINGRESP, remaining length 0
        assertEncodes(PingResp.INSTANCE, V5, 0xD0, 0x00);
    }

    @Test
    void encodesDisconnectWithoutBody_MQTT_3_14() {
        assertEncodes(Disconnect.NORMAL, V3_1_1, 0xE0, 0x00); // DISCONNECT, remaining length 0
        Properties props = Properties.builder().set(Property.REASON_STRING, "bye").build();
        assertEncodes(new Disconnect(DisconnectReason.SERVER_SHUTTING_DOWN, props), V3_1_1, 0xE0, 0x00);
    }

    @Test
    void encodesNormalDisconnectWithoutPropertiesAsNoBody_MQTT5_3_14_2_1() {
        assertEncodes(Disconnect.NORMAL, V5,
                0xE0, // DISCONNECT
                0x00  // remaining length 0: reason and property length omitted
        );
    }

    @Test
    void encodesDisconnectReasonWithoutPropertyLength_MQTT5_3_14_2_2_1() {
        assertEncodes(new Disconnect(DisconnectReason.SESSION_TAKEN_OVER, Properties.EMPTY), V5,
                0xE0, // DISCONNECT
                0x01, // remaining length 1
                0x8E  // session taken over; no property length
        );
    }

    @Test
    void encodesNormalDisconnectWithProperties_MQTT5_3_14_2_2() {
        Properties expiry = Properties.builder().set(Property.SESSION_EXPIRY_INTERVAL, 0L).build();
        assertEncodes(new Disconnect(DisconnectReason.NORMAL_DISCONNECTION, expiry), V5,
                0xE0,                        // DISCONNECT
                0x07,                        // remaining length 1 + 1 + 5
                0x00,                        // normal disconnection
                0x05,                        // property length 5
                0x11, 0x00, 0x00, 0x00, 0x00 // session expiry interval 0
        );
    }

    @Test
    void encodesServerReference_MQTT5_3_14_2_2_5() {
        Properties reference = Properties.builder().set(Property.SERVER_REFERENCE, "s").build();
        assertEncodes(new Disconnect(DisconnectReason.USE_ANOTHER_SERVER, reference), V5,
                0xE0, 0x06,            // DISCONNECT, remaining length 1 + 1 + 4
                0x9C,                  // use another server
                0x04,                  // property length 4
                0x1C, 0x00, 0x01, 0x73 // server reference "s"
        );
    }

    @Test
    void encodesAuthSuccessWithoutPropertiesAsNoBody_MQTT5_3_15_2_1() {
        assertEncodes(new Auth(AuthReason.SUCCESS, Properties.EMPTY), V5,
                0xF0, // AUTH
                0x00  // remaining length 0
        );
    }

    @Test
    void encodesAuthContinueWithMethodAndData_MQTT5_3_15_2_2() {
        Properties props = Properties.builder()
                .set(Property.AUTHENTICATION_DATA, Payload.copyOf(new byte[] {1}))
                .set(Property.AUTHENTICATION_METHOD, "m")
                .build();
        assertEncodes(new Auth(AuthReason.CONTINUE_AUTHENTICATION, props), V5,
                0xF0,                   // AUTH
                0x0A,                   // remaining length 1 + 1 + 8
                0x18,                   // continue authentication
                0x08,                   // property length 8
                0x15, 0x00, 0x01, 0x6D, // authentication method "m"
                0x16, 0x00, 0x01, 0x01  // authentication data [01]
        );
    }

    @Test
    void keepsAuthPropertyLengthBehindReason_MQTT5_3_15_2_2_1() {
        assertEncodes(new Auth(AuthReason.RE_AUTHENTICATE, Properties.EMPTY), V5,
                0xF0, 0x02, // AUTH, remaining length 2
                0x19,       // re-authenticate
                0x00        // property length 0: AUTH has no rule to omit it
        );
    }

    @Test
    void refusesAuthBeforeMqtt5_MQTT5_3_15() {
        Auth auth = new Auth(AuthReason.SUCCESS, Properties.EMPTY);
        assertThatIllegalArgumentException().isThrownBy(() -> PacketEncoder.encode(auth, V3_1_1, Unpooled.buffer()));
        assertThatIllegalArgumentException().isThrownBy(() -> PacketEncoder.encodedSize(auth, V3_1_1));
    }
}
