package io.bastionmq.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RawPacketTest {

    private static RawPacket packet(int type, int flags, String body) {
        return new RawPacket(type, flags, Hex.parse(body));
    }

    @Test
    void connackExposesSessionPresentAndReturnCode_3_2_2() {
        RawPacket connack = packet(PacketType.CONNACK, 0, "01 05");
        assertThat(connack.typeName()).isEqualTo("CONNACK");
        assertThat(connack.sessionPresent()).isTrue();
        assertThat(connack.connackReturnCode()).isEqualTo(0x05);
        assertThat(connack.reasonCode()).isEqualTo(0x05);
        assertThat(connack.hex()).isEqualTo("20 02 01 05");
    }

    @Test
    void ackReasonCodeIsSuccessWhenRemainingLengthIsTwo_3_4_2_1() {
        assertThat(packet(PacketType.PUBACK, 0, "00 07").reasonCode()).isZero();
        assertThat(packet(PacketType.PUBACK, 0, "00 07 10").reasonCode()).isEqualTo(0x10);
        assertThat(packet(PacketType.PUBREL, 2, "00 07 92 00").reasonCode()).isEqualTo(0x92);
        assertThat(packet(PacketType.PUBACK, 0, "00 07").packetId()).isEqualTo(7);
    }

    @Test
    void disconnectReasonCodeIsNormalWhenRemainingLengthIsZero_3_14_2_1() {
        assertThat(packet(PacketType.DISCONNECT, 0, "").reasonCode()).isZero();
        assertThat(packet(PacketType.DISCONNECT, 0, "8e 00").reasonCode()).isEqualTo(0x8e);
    }

    @Test
    void publishFieldsComeFromFlagsAndTopic_3_3_1() {
        RawPacket publish = packet(PacketType.PUBLISH, 0x0b, "00 03 61 2f 62 12 34 ff");
        assertThat(publish.dup()).isTrue();
        assertThat(publish.qos()).isEqualTo(1);
        assertThat(publish.retain()).isTrue();
        assertThat(publish.topic()).isEqualTo("a/b");
        assertThat(publish.hex()).isEqualTo("3b 08 00 03 61 2f 62 12 34 ff");
    }

    @Test
    void refusesToReadFieldsThatAreNotThere() {
        assertThatThrownBy(() -> packet(PacketType.PUBACK, 0, "01").packetId())
                .hasMessageContaining("PUBACK").hasMessageContaining("40 01 01");
        assertThatThrownBy(() -> packet(PacketType.PINGRESP, 0, "").reasonCode())
                .hasMessageContaining("PINGRESP");
        assertThatThrownBy(() -> packet(PacketType.SUBACK, 0, "00 01 00").connackReturnCode())
                .hasMessageContaining("not a CONNACK");
    }

    @Test
    void isImmutableAndComparesByContent() {
        byte[] body = {0x00, 0x01};
        RawPacket packet = new RawPacket(PacketType.PUBACK, 0, body);
        body[1] = 0x09;
        packet.body()[0] = 0x09;
        assertThat(packet.packetId()).isEqualTo(1);
        assertThat(packet).isEqualTo(packet(PacketType.PUBACK, 0, "00 01"));
        assertThat(packet).hasToString("PUBACK [40 02 00 01]");
    }

    @org.junit.jupiter.api.Test
    void publishPacketIdFollowsTheTopic() {
        // 32 = PUBLISH QoS 1; topic "a/b" (00 03 61 2f 62); packet id 00 07; payload "x"
        RawPacket p = new RawPacket(3, 0b0010, Hex.parse("00 03 61 2f 62 00 07 78"));
        org.assertj.core.api.Assertions.assertThat(p.packetId()).isEqualTo(7);
        RawPacket qos0 = new RawPacket(3, 0, Hex.parse("00 03 61 2f 62 78"));
        org.assertj.core.api.Assertions.assertThatThrownBy(qos0::packetId).isInstanceOf(IllegalStateException.class);
    }
}
