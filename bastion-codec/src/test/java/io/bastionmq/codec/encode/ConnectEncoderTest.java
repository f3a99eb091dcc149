package io.bastionmq.codec.encode;

import static io.bastionmq.codec.encode.EncodedBytes.assertEncodes;
import static io.bastionmq.codec.packet.MqttVersion.V3_1;
import static io.bastionmq.codec.packet.MqttVersion.V3_1_1;
import static io.bastionmq.codec.packet.MqttVersion.V5;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.bastionmq.codec.packet.Connect;
import io.bastionmq.codec.packet.Payload;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.QoS;
import io.bastionmq.codec.packet.Will;
import io.bastionmq.codec.wire.Property;
import org.junit.jupiter.api.Test;

class ConnectEncoderTest {
    @Test
    void encodesMinimalConnect_MQTT_3_1() {
        assertEncodes(new Connect(V3_1_1, "c", true, 60, null, null, null, Properties.EMPTY), V3_1_1,
                0x10,                         // CONNECT
                0x0D,                         // remaining length 10 + 3
                0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, // protocol name "MQTT"
                0x04,                         // protocol level 4
                0x02,                         // flags: clean session
                0x00, 0x3C,                   // keep alive 60 s
                0x00, 0x01, 0x63              // client id "c"
        );
    }

    @Test
    void encodesMqtt31ProtocolNameAndLevel() {
        assertEncodes(new Connect(V3_1, "c", true, 60, null, null, null, Properties.EMPTY), V3_1,
                0x10, 0x0F,                   // CONNECT, remaining length 12 + 3
                0x00, 0x06, 0x4D, 0x51, 0x49, 0x73, 0x64, 0x70, // "MQIsdp"
                0x03,                         // protocol level 3
                0x02,                         // clean session
                0x00, 0x3C,                   // keep alive 60 s
                0x00, 0x01, 0x63              // client id "c"
        );
    }

    @Test
    void encodesWillAndCredentials_MQTT_3_1_3() {
        Will will = new Will("w", Payload.utf8("x"), QoS.AT_LEAST_ONCE, true, Properties.EMPTY);
        assertEncodes(new Connect(V3_1_1, "c", false, 0x1234, "u", Payload.utf8("p"), will, Properties.EMPTY), V3_1_1,
                0x10,                         // CONNECT
                0x19,                         // remaining length 10 + 15
                0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, // "MQTT"
                0x04,                         // level 4
                0xEC,                         // user name 1 | password 1 | will retain 1 | will QoS 01 | will 1 | clean 0 | 0
                0x12, 0x34,                   // keep alive
                0x00, 0x01, 0x63,             // client id "c"
                0x00, 0x01, 0x77,             // will topic "w"
                0x00, 0x01, 0x78,             // will payload "x" (binary, length-prefixed)
                0x00, 0x01, 0x75,             // user name "u"
                0x00, 0x01, 0x70              // password "p" (binary)
        );
    }

    @Test
    void encodesPropertiesWillPropertiesAndPasswordWithoutUserName_MQTT5_3_1() {
        Properties props = Properties.builder().set(Property.SESSION_EXPIRY_INTERVAL, 0x78L).build();
        Properties willProps = Properties.builder().set(Property.WILL_DELAY_INTERVAL, 5L).build();
        Will will = new Will("w", Payload.utf8("x"), QoS.EXACTLY_ONCE, false, willProps);
        assertEncodes(new Connect(V5, "c", true, 10, null, Payload.utf8("p"), will, props), V5,
                0x10,                         // CONNECT
                0x22,                         // remaining length 34
                0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, // "MQTT"
                0x05,                         // level 5
                0x56,                         // password 1 | will QoS 10 | will 1 | clean start 1
                0x00, 0x0A,                   // keep alive 10 s
                0x05,                         // property length 5
                0x11, 0x00, 0x00, 0x00, 0x78, // session expiry interval 120
                0x00, 0x01, 0x63,             // client id "c"
                0x05,                         // will property length 5
                0x18, 0x00, 0x00, 0x00, 0x05, // will delay interval 5
                0x00, 0x01, 0x77,             // will topic "w"
                0x00, 0x01, 0x78,             // will payload "x"
                0x00, 0x01, 0x70              // password "p" (allowed without a user name in MQTT 5)
        );
    }

    @Test
    void rejectsPasswordWithoutUserName_MQTT_3_1_2_22() {
        Connect connect = new Connect(V3_1_1, "c", true, 0, null, Payload.utf8("p"), null, Properties.EMPTY);
        assertThatIllegalArgumentException().isThrownBy(() -> PacketEncoder.encodedSize(connect, V3_1_1));
    }

    @Test
    void rejectsVersionOtherThanTheConnectCarries() {
        Connect connect = new Connect(V5, "c", true, 0, null, null, null, Properties.EMPTY);
        assertThatIllegalArgumentException().isThrownBy(() -> PacketEncoder.encodedSize(connect, V3_1_1));
    }

    @Test
    void rejectsKeepAliveOver65535_MQTT5_3_1_2_10() {
        Connect connect = new Connect(V5, "c", true, 65_536, null, null, null, Properties.EMPTY);
        assertThatIllegalArgumentException().isThrownBy(() -> PacketEncoder.encodedSize(connect, V5));
    }

    @Test
    void rejectsWillPayloadOver65535Bytes_MQTT5_3_1_3_4() {
        Will will = new Will("w", Payload.wrap(new byte[65_536]), QoS.AT_MOST_ONCE, false, Properties.EMPTY);
        Connect connect = new Connect(V3_1_1, "c", true, 0, null, null, will, Properties.EMPTY);
        assertThatIllegalArgumentException().isThrownBy(() -> PacketEncoder.encodedSize(connect, V3_1_1));
    }
}
