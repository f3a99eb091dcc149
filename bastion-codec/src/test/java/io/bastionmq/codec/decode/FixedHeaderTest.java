package io.bastionmq.codec.decode;

import io.bastionmq.codec.reason.ProtocolViolation;
import static io.bastionmq.codec.decode.Wire.buffer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bastionmq.codec.packet.PacketType;
import io.bastionmq.codec.reason.ConnAckReason;
import io.bastionmq.codec.reason.DisconnectReason;
import io.bastionmq.codec.wire.FixedHeader;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

class FixedHeaderTest {
    @Test
    void reportsPacketTooLargeFromTheFixedHeaderAloneBeforeTheBodyArrives() { // MQTT5 3.1.2.11.4
        ByteBuf in = buffer(
                0x30,                   // PUBLISH, QoS 0
                0xFF, 0xFF, 0xFF, 0x7F); // remaining length 268,435,455; no body byte has arrived
        assertThatThrownBy(() -> PacketDecoder.readFixedHeader(in, 1024 * 1024))
                .isInstanceOfSatisfying(ProtocolViolation.class,
                        v -> assertThat(v.reason()).isEqualTo(DisconnectReason.PACKET_TOO_LARGE));
    }

    @Test
    void reportsPacketTooLargeForConnectAsAConnAckReason() { // the answer is a CONNACK 0x95
        ByteBuf in = buffer(0x10, 0x80, 0x80, 0x01); // CONNECT, remaining length 16,384
        assertThatThrownBy(() -> PacketDecoder.readFixedHeader(in, 1000))
                .isInstanceOfSatisfying(ProtocolViolation.class,
                        v -> assertThat(v.reason()).isEqualTo(ConnAckReason.PACKET_TOO_LARGE));
    }

    @Test
    void countsTheFixedHeaderInThePacketSize() {
        ByteBuf in = buffer(0x30, 0x7F); // remaining length 127, packet size 129
        assertThatThrownBy(() -> PacketDecoder.readFixedHeader(in, 128)).isInstanceOf(ProtocolViolation.class);
        assertThat(PacketDecoder.readFixedHeader(in, 129)).isNotNull();
    }

    @Test
    void readsTheHeaderWithoutMovingTheReaderIndex() {
        ByteBuf in = buffer(
                0x62,        // PUBREL, flags 0010
                0x82, 0x01,  // remaining length 130: 0x02 + 0x01 * 128
                0x00);       // first body byte
        FixedHeader header = PacketDecoder.readFixedHeader(in, Integer.MAX_VALUE);
        assertThat(header).isEqualTo(new FixedHeader(PacketType.PUBREL, 0b0010, 130, 3));
        assertThat(in.readerIndex()).isZero();
    }

    @Test
    void asksForMoreBytesWhileTheRemainingLengthIsIncomplete() {
        assertThat(PacketDecoder.readFixedHeader(buffer(), 100)).isNull();
        ByteBuf in = buffer(0x30, 0x80, 0x80); // two continuation bytes, the third is still on the wire
        assertThat(PacketDecoder.readFixedHeader(in, 100)).isNull();
        assertThat(in.readerIndex()).isZero();
    }

    @Test
    void rejectsReservedPacketTypeZeroFromItsFirstByte() { // MQTT5 2.1.2
        assertThatThrownBy(() -> PacketDecoder.readFixedHeader(buffer(0x00), 100))
                .isInstanceOfSatisfying(ProtocolViolation.class,
                        v -> assertThat(v.reason()).isEqualTo(DisconnectReason.MALFORMED_PACKET));
    }

    @Test
    void rejectsAFifthRemainingLengthByteAndLeavesTheReaderIndex() { // MQTT-1.5.5-1
        ByteBuf in = buffer(0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01);
        assertThatThrownBy(() -> PacketDecoder.readFixedHeader(in, Integer.MAX_VALUE))
                .isInstanceOfSatisfying(ProtocolViolation.class, v -> assertThat(v.clause()).isEqualTo("MQTT-1.5.5-1"));
        assertThat(in.readerIndex()).isZero();
    }
}
