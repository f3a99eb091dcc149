package io.bastionmq.codec.decode;

import io.bastionmq.codec.reason.ProtocolViolation;
import static io.bastionmq.codec.decode.Wire.buffer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bastionmq.codec.packet.Payload;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.UserProperty;
import io.bastionmq.codec.reason.DisconnectReason;
import io.bastionmq.codec.wire.Property;
import io.bastionmq.codec.wire.PropertyContext;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

class PropertiesDecoderTest {
    @Test
    void decodesEveryDataTypeOfAPublishPropertyList() { // MQTT5 2.2.2.2, 1.5
        ByteBuf in = buffer(
                0x1D,                                     // property length 29
                0x01, 0x01,                               // payload format indicator (byte) 1
                0x02, 0x00, 0x01, 0x00, 0x00,             // message expiry (four byte) 65536
                0x23, 0x01, 0x00,                         // topic alias (two byte) 256
                0x0B, 0x80, 0x01,                         // subscription identifier (VBI) 128
                0x03, 0x00, 0x01, 't',                    // content type (string) "t"
                0x09, 0x00, 0x02, 0xCA, 0xFE,             // correlation data (binary)
                0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v',   // user property (string pair)
                'X');                                     // first payload byte: not part of the list
        Properties p = PropertiesDecoder.decode(in, PropertyContext.PUBLISH);
        assertThat(p.intValue(Property.PAYLOAD_FORMAT_INDICATOR)).isEqualTo(1);
        assertThat(p.messageExpiryInterval()).isEqualTo(65536L);
        assertThat(p.topicAlias()).isEqualTo(256);
        assertThat(p.subscriptionIdentifiers()).containsExactly(128);
        assertThat(p.string(Property.CONTENT_TYPE)).isEqualTo("t");
        assertThat(p.binary(Property.CORRELATION_DATA)).isEqualTo(Payload.wrap(new byte[] {(byte) 0xCA, (byte) 0xFE}));
        assertThat(p.userProperties()).containsExactly(new UserProperty("k", "v"));
        assertThat(in.readableBytes()).isEqualTo(1);
    }

    @Test
    void readsFourByteIntegersAsUnsigned() { // MQTT5 1.5.3
        ByteBuf in = buffer(0x05, 0x11, 0xFF, 0xFF, 0xFF, 0xFF); // session expiry 0xFFFFFFFF: never expires
        assertThat(PropertiesDecoder.decode(in, PropertyContext.CONNECT).sessionExpiryInterval()).isEqualTo(0xFFFF_FFFFL);
    }

    @Test
    void keepsUserPropertiesInOrderWithRepeatedNames() { // MQTT5 3.1.2.11.8
        ByteBuf in = buffer(0x0E,
                0x26, 0x00, 0x01, 'a', 0x00, 0x01, '2',
                0x26, 0x00, 0x01, 'a', 0x00, 0x01, '1');
        assertThat(PropertiesDecoder.decode(in, PropertyContext.DISCONNECT).userProperties())
                .containsExactly(new UserProperty("a", "2"), new UserProperty("a", "1"));
    }

    @Test
    void returnsTheSharedEmptyInstanceForLengthZero() {
        assertThat(PropertiesDecoder.decode(buffer(0x00), PropertyContext.PUBACK)).isSameAs(Properties.EMPTY);
    }

    @Test
    void rejectsPropertyNotAllowedInItsPacketAsMalformed() { // MQTT5 2.2.2.2
        ByteBuf in = buffer(0x03, 0x21, 0x00, 0x0A); // receive maximum in a PUBLISH
        assertThatThrownBy(() -> PropertiesDecoder.decode(in, PropertyContext.PUBLISH))
                .isInstanceOfSatisfying(ProtocolViolation.class,
                        v -> assertThat(v.reason()).isEqualTo(DisconnectReason.MALFORMED_PACKET));
    }

    @Test
    void rejectsRepeatedSingleValuedPropertyAsProtocolError() { // MQTT5 2.2.2.2
        ByteBuf in = buffer(0x04, 0x17, 0x01, 0x17, 0x01); // request problem information twice
        assertThatThrownBy(() -> PropertiesDecoder.decode(in, PropertyContext.CONNECT))
                .isInstanceOfSatisfying(ProtocolViolation.class,
                        v -> assertThat(v.reason()).isEqualTo(DisconnectReason.PROTOCOL_ERROR));
    }

    @Test
    void rejectsValueThatRunsPastItsPropertyList() { // MQTT5 2.2.2.1
        ByteBuf in = buffer(
                0x02, 0x02, 0x00,       // property length 2: message expiry needs 4 value bytes
                0x00, 0x00, 0x00);      // bytes after the list must not be borrowed
        assertThatThrownBy(() -> PropertiesDecoder.decode(in, PropertyContext.PUBLISH))
                .isInstanceOfSatisfying(ProtocolViolation.class,
                        v -> assertThat(v.reason()).isEqualTo(DisconnectReason.MALFORMED_PACKET));
    }

    @Test
    void rejectsSubscriptionIdentifierZero() { // MQTT5 3.3.2.3.8
        assertThatThrownBy(() -> PropertiesDecoder.decode(buffer(0x02, 0x0B, 0x00), PropertyContext.PUBLISH))
                .isInstanceOfSatisfying(ProtocolViolation.class,
                        v -> assertThat(v.reason()).isEqualTo(DisconnectReason.PROTOCOL_ERROR));
    }
}
