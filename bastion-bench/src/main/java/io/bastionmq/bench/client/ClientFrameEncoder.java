package io.bastionmq.bench.client;

import io.bastionmq.codec.encode.PacketEncoder;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Packet;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes each packet into a buffer of exactly its encoded size. */
final class ClientFrameEncoder extends MessageToByteEncoder<Packet> {
    private final MqttVersion version;

    ClientFrameEncoder(MqttVersion version) {
        super(Packet.class);
        this.version = version;
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Packet packet, boolean preferDirect) {
        return ctx.alloc().ioBuffer(PacketEncoder.encodedSize(packet, version));
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Packet packet, ByteBuf out) {
        PacketEncoder.encode(packet, version, out);
    }
}
