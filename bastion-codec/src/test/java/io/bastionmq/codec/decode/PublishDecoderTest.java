package io.bastionmq.codec.decode;

import io.bastionmq.codec.reason.ProtocolViolation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.Publish;
import io.bastionmq.codec.packet.QoS;
import io.bastionmq.codec.reason.DisconnectReason;
import org.junit.jupiter.api.Test;

class PublishDecoderTest {
    @Test
    void decodesQos2DupRetainPublishIn311() {
        Publish p = (Publish) Wire.decode(MqttVersion.V3_1_1,
                0x3D, 0x09,              // PUBLISH, DUP | QoS 2 | RETAIN, remaining length 9
                0x00, 0x03, 'a', '/', 'b', // topic
                0x12, 0x34,              // packet id 0x1234
                'h', 'i');               // payload
        assertThat(p.topic()).isEqualTo("a/b");
        assertThat(p.qos()).isEqualTo(QoS.EXACTLY_ONCE);
        assertThat(p.dup()).isTrue();
        assertThat(p.retain()).isTrue();
        assertThat(p.packetId()).isEqualTo(0x1234);
        assertThat(p.payload().asUtf8()).isEqualTo("hi");
        assertThat(p.properties()).isSameAs(Properties.EMPTY);
    }

    @Test
    void decodesQos0PublishWithoutPacketId() { // MQTT-2.2.1-2
        Publish p = (Publish) Wire.decode(MqttVersion.V5,
                0x30, 0x06,
                0x00, 0x01, 't', // topic "t"
                0x00,            // no properties
                0x01, 0x02);     // payload: the two bytes a packet id would have taken
        assertThat(p.packetId()).isZero();
        assertThat(p.payload().toByteArray()).containsExactly(0x01, 0x02);
    }

    @Test
    void decodesEmptyTopicWithTopicAliasInMqtt5() { // MQTT5 3.3.2.3.4
        Publish p = (Publish) Wire.decode(MqttVersion.V5,
                0x30, 0x06,
                0x00, 0x00,        // empty topic
                0x03, 0x23, 0x00, 0x07); // properties: topic alias 7
        assertThat(p.topic()).isEmpty();
        assertThat(p.properties().topicAlias()).isEqualTo(7);
        assertThat(p.payload().isEmpty()).isTrue();
    }

    @Test
    void rejectsPublishWithWildcardTopic() { // MQTT-3.3.2-2
        assertThatThrownBy(() -> Wire.decode(MqttVersion.V3_1_1,
                0x30, 0x05, 0x00, 0x03, 'a', '/', '+'))
                .isInstanceOfSatisfying(ProtocolViolation.class,
                        v -> assertThat(v.reason()).isEqualTo(DisconnectReason.TOPIC_NAME_INVALID));
    }

    @Test
    void rejectsTopicAliasZeroAsTopicAliasInvalid() { // MQTT5 3.3.2.3.4
        assertThatThrownBy(() -> Wire.decode(MqttVersion.V5,
                0x30, 0x09, 0x00, 0x03, 'a', '/', 'b', 0x03, 0x23, 0x00, 0x00))
                .isInstanceOfSatisfying(ProtocolViolation.class,
                        v -> assertThat(v.reason()).isEqualTo(DisconnectReason.TOPIC_ALIAS_INVALID));
    }

    @Test
    void rejectsPublishBeforeConnect() { // MQTT-3.1.0-1
        assertThatThrownBy(() -> Wire.decode(null, 0x30, 0x05, 0x00, 0x03, 'a', '/', 'b'))
                .isInstanceOfSatisfying(ProtocolViolation.class, v -> {
                    assertThat(v.reason()).isEqualTo(DisconnectReason.PROTOCOL_ERROR);
                    assertThat(v.clause()).isEqualTo("MQTT-3.1.0-1");
                });
    }
}
