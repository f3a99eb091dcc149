package io.bastionmq.codec.decode;

import io.bastionmq.codec.reason.ProtocolViolation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bastionmq.codec.packet.Connect;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Payload;
import io.bastionmq.codec.packet.QoS;
import io.bastionmq.codec.reason.ConnAckReason;
import io.bastionmq.codec.wire.Property;
import org.junit.jupiter.api.Test;

class ConnectDecoderTest {
    @Test
    void decodesMqtt5ConnectWithWillAndCredentials() {
        Connect c = (Connect) Wire.decode(null,
                0x10, 0x29,                         // CONNECT, remaining length 41
                0x00, 0x04, 'M', 'Q', 'T', 'T',     // protocol name
                0x05,                               // level 5
                0xEE,                               // user, password, will retain, will QoS 1, will, clean start
                0x00, 0x3C,                         // keep alive 60
                0x05, 0x11, 0x00, 0x00, 0x0E, 0x10, // properties: session expiry 3600
                0x00, 0x03, 'c', 'i', 'd',          // client id
                0x02, 0x01, 0x01,                   // will properties: payload format indicator 1
                0x00, 0x03, 'w', '/', 't',          // will topic
                0x00, 0x02, 'h', 'i',               // will payload
                0x00, 0x01, 'u',                    // user name
                0x00, 0x03, 0x00, 0xFF, 0x01);      // password: binary, any bytes
        assertThat(c.version()).isEqualTo(MqttVersion.V5);
        assertThat(c.clientId()).isEqualTo("cid");
        assertThat(c.cleanStart()).isTrue();
        assertThat(c.keepAliveSeconds()).isEqualTo(60);
        assertThat(c.properties().sessionExpiryInterval()).isEqualTo(3600L);
        assertThat(c.username()).isEqualTo("u");
        assertThat(c.password()).isEqualTo(Payload.wrap(new byte[] {0x00, (byte) 0xFF, 0x01}));
        assertThat(c.will()).isNotNull();
        assertThat(c.will().topic()).isEqualTo("w/t");
        assertThat(c.will().payload().asUtf8()).isEqualTo("hi");
        assertThat(c.will().qos()).isEqualTo(QoS.AT_LEAST_ONCE);
        assertThat(c.will().retain()).isTrue();
        assertThat(c.will().properties().intValue(Property.PAYLOAD_FORMAT_INDICATOR)).isEqualTo(1);
    }

    @Test
    void decodesMqtt31ConnectByItsProtocolName() {
        Connect c = (Connect) Wire.decode(null,
                0x10, 0x11,
                0x00, 0x06, 'M', 'Q', 'I', 's', 'd', 'p', // MQTT 3.1 protocol name
                0x03,                                     // level 3
                0x00,                                     // no flags: clean session 0
                0xFF, 0xFF,                               // keep alive 65535
                0x00, 0x03, 'c', 'i', 'd');
        assertThat(c.version()).isEqualTo(MqttVersion.V3_1);
        assertThat(c.cleanStart()).isFalse();
        assertThat(c.keepAliveSeconds()).isEqualTo(65535);
        assertThat(c.will()).isNull();
        assertThat(c.username()).isNull();
        assertThat(c.password()).isNull();
    }

    @Test
    void keepsByteOrderMarkInClientId() { // MQTT-1.5.4-3
        Connect c = (Connect) Wire.decode(null,
                0x10, 0x0F,
                0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3C,
                0x00, 0x03, 0xEF, 0xBB, 0xBF); // U+FEFF alone
        assertThat(c.clientId()).isEqualTo("\uFEFF");
    }

    @Test
    void rejectsUnsupportedLevelWithUnsupportedProtocolVersion() { // MQTT-3.1.2-2
        assertThatThrownBy(() -> Wire.decode(null,
                0x10, 0x0F,
                0x00, 0x04, 'M', 'Q', 'T', 'T',
                0x07,                           // level 7
                0x02, 0x00, 0x3C, 0x00, 0x03, 'c', 'i', 'd'))
                .isInstanceOfSatisfying(ProtocolViolation.class, v -> {
                    assertThat(v.reason()).isEqualTo(ConnAckReason.UNSUPPORTED_PROTOCOL_VERSION);
                    assertThat(v.clause()).isEqualTo("MQTT-3.1.2-2");
                });
    }

    @Test
    void reportsSharedReaderErrorsAsConnAckReasons() { // the caller answers a CONNECT with a CONNACK
        assertThatThrownBy(() -> Wire.decode(null,
                0x10, 0x0F,
                0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3C,
                0x00, 0x03, 'c', 0xC0, 0x80))   // overlong U+0000 in the client id
                .isInstanceOfSatisfying(ProtocolViolation.class,
                        v -> assertThat(v.reason()).isEqualTo(ConnAckReason.MALFORMED_PACKET));
    }

    @Test
    void rejectsPasswordWithoutUserNameIn311() { // MQTT-3.1.2-22
        assertThatThrownBy(() -> Wire.decode(null,
                0x10, 0x13,
                0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04,
                0x42,                           // password, clean session; no user name
                0x00, 0x3C, 0x00, 0x03, 'c', 'i', 'd', 0x00, 0x02, 'p', 'w'))
                .isInstanceOfSatisfying(ProtocolViolation.class, v -> assertThat(v.clause()).isEqualTo("MQTT-3.1.2-22"));
    }
}
