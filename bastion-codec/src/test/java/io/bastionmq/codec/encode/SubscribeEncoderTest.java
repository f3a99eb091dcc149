package io.bastionmq.codec.encode;

import static io.bastionmq.codec.encode.EncodedBytes.assertEncodes;
import static io.bastionmq.codec.packet.MqttVersion.V3_1_1;
import static io.bastionmq.codec.packet.MqttVersion.V5;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.QoS;
import io.bastionmq.codec.packet.RetainHandling;
import io.bastionmq.codec.packet.Subscribe;
import io.bastionmq.codec.packet.Subscription;
import io.bastionmq.codec.packet.Unsubscribe;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SUBSCRIBE and UNSUBSCRIBE. */
class SubscribeEncoderTest {
    @Test
    void encodesSubscribeWithQosOnlyOptions_MQTT_3_8_3_1() {
        Subscription withV5Options = new Subscription("b", QoS.EXACTLY_ONCE, true, true, RetainHandling.DO_NOT_SEND);
        Subscribe subscribe = new Subscribe(10, List.of(Subscription.of("a/#", QoS.AT_LEAST_ONCE), withV5Options), Properties.EMPTY);
        assertEncodes(subscribe, V3_1_1,
                0x82,                         // SUBSCRIBE, flags 0010 (MQTT-3.8.1-1)
                0x0C,                         // remaining length 2 + 6 + 4
                0x00, 0x0A,                   // packet identifier 10
                0x00, 0x03, 0x61, 0x2F, 0x23, // filter "a/#"
                0x01,                         // options: QoS 1
                0x00, 0x01, 0x62,             // filter "b"
                0x02                          // options: QoS 2 only; the MQTT 5 bits are reserved in 3.1.1
        );
    }

    @Test
    void encodesSubscribeOptionBits_MQTT5_3_8_3_1() {
        Subscription all = new Subscription("t", QoS.AT_LEAST_ONCE, true, true, RetainHandling.DO_NOT_SEND);
        Properties id = Properties.builder().addSubscriptionIdentifier(42).build();
        assertEncodes(new Subscribe(10, List.of(all), id), V5,
                0x82,             // SUBSCRIBE, flags 0010
                0x09,             // remaining length 2 + 3 + 4
                0x00, 0x0A,       // packet identifier 10
                0x02,             // property length 2
                0x0B, 0x2A,       // subscription identifier 42
                0x00, 0x01, 0x74, // filter "t"
                0x2D              // 00 | retain handling 10 | RAP 1 | NL 1 | QoS 01
        );
    }

    @Test
    void encodesRetainHandlingInBits4And5_MQTT5_3_8_3_1() {
        Subscription ifNew = new Subscription("t", QoS.AT_MOST_ONCE, false, false, RetainHandling.SEND_IF_NEW_SUBSCRIPTION);
        assertEncodes(new Subscribe(1, List.of(ifNew), Properties.EMPTY), V5,
                0x82, 0x07,       // SUBSCRIBE, remaining length 2 + 1 + 4
                0x00, 0x01,       // packet identifier 1
                0x00,             // property length 0
                0x00, 0x01, 0x74, // filter "t"
                0x10              // retain handling 01, QoS 0
        );
    }

    @Test
    void rejectsSubscribeWithoutFilters_MQTT_3_8_3_3() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                PacketEncoder.encodedSize(new Subscribe(1, List.of(), Properties.EMPTY), V5));
    }

    @Test
    void encodesUnsubscribe_MQTT_3_10() {
        assertEncodes(new Unsubscribe(1, List.of("a", "bc"), Properties.EMPTY), V3_1_1,
                0xA2,                   // UNSUBSCRIBE, flags 0010 (MQTT-3.10.1-1)
                0x09,                   // remaining length 2 + 3 + 4
                0x00, 0x01,             // packet identifier 1
                0x00, 0x01, 0x61,       // "a"
                0x00, 0x02, 0x62, 0x63  // "bc"
        );
    }

    @Test
    void encodesUnsubscribeWithPropertyLength_MQTT5_3_10_2() {
        Properties user = Properties.builder().addUserProperty("k", "v").build();
        assertEncodes(new Unsubscribe(1, List.of("a"), user), V5,
                0xA2,             // UNSUBSCRIBE
                0x0D,             // remaining length 2 + 8 + 3
                0x00, 0x01,       // packet identifier 1
                0x07,             // property length 7
                0x26, 0x00, 0x01, 0x6B, 0x00, 0x01, 0x76, // user property "k" = "v"
                0x00, 0x01, 0x61  // "a"
        );
    }

    @Test
    void rejectsUnsubscribeWithoutFilters_MQTT_3_10_3_2() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                PacketEncoder.encodedSize(new Unsubscribe(1, List.of(), Properties.EMPTY), V3_1_1));
    }
}
