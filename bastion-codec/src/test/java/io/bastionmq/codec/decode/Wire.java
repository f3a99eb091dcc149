package io.bastionmq.codec.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Packet;
import io.bastionmq.codec.wire.FixedHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;

/** Hand-written bytes in, decoded packet out: the whole packet must be consumed. */
final class Wire {
    private Wire() {}

    static ByteBuf buffer(int... bytes) {
        ByteBuf buf = Unpooled.buffer(bytes.length);
        for (int b : bytes) {
            buf.writeByte(b);
        }
        return buf;
    }

    static Packet decode(@Nullable MqttVersion version, int... bytes) {
        ByteBuf in = buffer(bytes);
        FixedHeader header = PacketDecoder.readFixedHeader(in, Integer.MAX_VALUE);
        assertThat(header).as("complete fixed header").isNotNull();
        assertThat(in.readableBytes()).as("bytes for the whole packet").isEqualTo(header.packetSize());
        in.skipBytes(header.headerLength());
        Packet packet = PacketDecoder.decode(header, in.readSlice(header.remainingLength()), version);
        assertThat(in.readableBytes()).as("bytes after the packet").isZero();
        return packet;
    }
}
