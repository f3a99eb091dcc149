package io.bastionmq.bench.client;

import io.bastionmq.codec.decode.PacketDecoder;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.wire.FixedHeader;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/** Frames the broker's byte stream into packets with the strict codec; a violation closes the connection. */
final class ClientFrameDecoder extends ByteToMessageDecoder {
    /** MQTT5 2.2.3: the largest packet the protocol can express. */
    private static final int MAX_PACKET_SIZE = 268_435_460;

    private final MqttVersion version;

    ClientFrameDecoder(MqttVersion version) {
        this.version = version;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            FixedHeader header = PacketDecoder.readFixedHeader(in, MAX_PACKET_SIZE);
            if (header == null || in.readableBytes() < header.packetSize()) {
                return;
            }
            in.skipBytes(header.headerLength());
            out.add(PacketDecoder.decode(header, in.readSlice(header.remainingLength()), version));
        }
    }
}
