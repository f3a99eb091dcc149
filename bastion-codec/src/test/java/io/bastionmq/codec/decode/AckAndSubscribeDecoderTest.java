package io.bastionmq.codec.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.codec.packet.ConnAck;
import io.bastionmq.codec.packet.Disconnect;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.PubRel;
import io.bastionmq.codec.packet.QoS;
import io.bastionmq.codec.packet.RetainHandling;
import io.bastionmq.codec.packet.SubAck;
import io.bastionmq.codec.packet.Subscribe;
import io.bastionmq.codec.packet.Subscription;
import io.bastionmq.codec.packet.UnsubAck;
import io.bastionmq.codec.packet.Unsubscribe;
import io.bastionmq.codec.reason.ConnAckReason;
import io.bastionmq.codec.reason.DisconnectReason;
import io.bastionmq.codec.reason.PubRelReason;
import io.bastionmq.codec.reason.SubAckReason;
import io.bastionmq.codec.reason.UnsubAckReason;
import org.junit.jupiter.api.Test;

class AckAndSubscribeDecoderTest {
    @Test
    void decodesPubRelWithReasonAndNoPropertyLength() { // MQTT5 3.6.2.1
        PubRel r = (PubRel) Wire.decode(MqttVersion.V5,
                0x62, 0x03,   // PUBREL, flags 0010, remaining length 3
                0xAB, 0xCD,   // packet id
                0x92);        // packet identifier not found
        assertThat(r.packetId()).isEqualTo(0xABCD);
        assertThat(r.reason()).isEqualTo(PubRelReason.PACKET_IDENTIFIER_NOT_FOUND);
        assertThat(r.properties().isEmpty()).isTrue();
    }

    @Test
    void decodesMqtt5SubscribeOptions() { // MQTT5 3.8.3.1
        Subscribe s = (Subscribe) Wire.decode(MqttVersion.V5,
                0x82, 0x0D,                       // SUBSCRIBE, flags 0010, remaining length 13
                0x00, 0x07,                       // packet id 7
                0x02, 0x0B, 0x2A,                 // subscription identifier 42
                0x00, 0x01, 'a', 0x1D,            // "a": retain handling 1, RAP, no local, QoS 1
                0x00, 0x01, 'b', 0x22);           // "b": retain handling 2, QoS 2
        assertThat(s.packetId()).isEqualTo(7);
        assertThat(s.properties().subscriptionIdentifiers()).containsExactly(42);
        assertThat(s.subscriptions()).containsExactly(
                new Subscription("a", QoS.AT_LEAST_ONCE, true, true, RetainHandling.SEND_IF_NEW_SUBSCRIPTION),
                new Subscription("b", QoS.EXACTLY_ONCE, false, false, RetainHandling.DO_NOT_SEND));
    }

    @Test
    void decodesZeroLengthFilterForTheBrokerToRefuse() { // MQTT-4.7.3-1 is answered per filter with SUBACK 0x80
        Subscribe s = (Subscribe) Wire.decode(MqttVersion.V3_1_1,
                0x82, 0x05, 0x00, 0x01,
                0x00, 0x00, 0x01);                // "" QoS 1
        assertThat(s.subscriptions()).containsExactly(Subscription.of("", QoS.AT_LEAST_ONCE));
    }

    @Test
    void decodesUnsubscribeFilters() {
        Unsubscribe u = (Unsubscribe) Wire.decode(MqttVersion.V3_1_1,
                0xA2, 0x08, 0x00, 0x02,
                0x00, 0x01, '#',
                0x00, 0x01, '+');
        assertThat(u.filters()).containsExactly("#", "+");
    }

    @Test
    void decodes311ConnAckReturnCodeAsItsMqtt5Reason() { // MQTT-3.2.2.3
        ConnAck a = (ConnAck) Wire.decode(MqttVersion.V3_1_1, 0x20, 0x02, 0x00, 0x04); // bad user name or password
        assertThat(a.reason()).isEqualTo(ConnAckReason.BAD_USER_NAME_OR_PASSWORD);
        assertThat(a.sessionPresent()).isFalse();
    }

    @Test
    void decodesSubAckAndUnsubAckReasons() {
        SubAck s = (SubAck) Wire.decode(MqttVersion.V3_1_1, 0x90, 0x04, 0x00, 0x09, 0x02, 0x80);
        assertThat(s.reasons()).containsExactly(SubAckReason.GRANTED_QOS_2, SubAckReason.UNSPECIFIED_ERROR);
        UnsubAck u311 = (UnsubAck) Wire.decode(MqttVersion.V3_1_1, 0xB0, 0x02, 0x00, 0x09);
        assertThat(u311.reasons()).isEmpty();
        UnsubAck u5 = (UnsubAck) Wire.decode(MqttVersion.V5, 0xB0, 0x04, 0x00, 0x09, 0x00, 0x11);
        assertThat(u5.reasons()).containsExactly(UnsubAckReason.NO_SUBSCRIPTION_EXISTED);
    }

    @Test
    void decodesMqtt5DisconnectWithReasonOnly() { // MQTT5 3.14.2.2.1: no property length below 2 bytes
        Disconnect d = (Disconnect) Wire.decode(MqttVersion.V5, 0xE0, 0x01, 0x04);
        assertThat(d.reason()).isEqualTo(DisconnectReason.DISCONNECT_WITH_WILL_MESSAGE);
        assertThat(Wire.decode(MqttVersion.V5, 0xE0, 0x00)).isEqualTo(Disconnect.NORMAL);
    }
}
