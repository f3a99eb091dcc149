package io.bastionmq.transport;

import io.bastionmq.codec.decode.PacketDecoder;
import io.bastionmq.codec.packet.Connect;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Packet;
import io.bastionmq.codec.wire.FixedHeader;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Frames the byte stream into packets. The size gate comes first: the packet's size is known from
 * its fixed header, and a packet larger than the maximum is rejected (0x95) before its body is
 * buffered (MQTT5 3.1.2.11.4, STYLE rule 7). Then the pure codec decodes the body. After the
 * first error nothing more is decoded: the connection is closing.
 */
public final class MqttFrameDecoder extends ByteToMessageDecoder {
    private final int maxPacketSize;
    private @Nullable MqttVersion version;
    private boolean failed;

    public MqttFrameDecoder(int maxPacketSize) {
        this.maxPacketSize = maxPacketSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            FixedHeader header = PacketDecoder.readFixedHeader(in, maxPacketSize);
            if (header == null || in.readableBytes() < header.packetSize()) {
                return;
            }
            in.skipBytes(header.headerLength());
            ByteBuf body = in.readSlice(header.remainingLength());
            Packet packet = PacketDecoder.decode(header, body, version);
            if (packet instanceof Connect connect && version == null) {
                version = connect.version();
            }
            out.add(packet);
        } catch (RuntimeException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }
}
