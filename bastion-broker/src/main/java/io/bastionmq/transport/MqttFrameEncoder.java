package io.bastionmq.transport;

import io.bastionmq.codec.encode.PacketEncoder;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Packet;
import io.bastionmq.connection.ConnectionAttributes;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Encodes packets for the protocol level the connection's CONNECT chose. Stateless, shared. */
@Sharable
public final class MqttFrameEncoder extends MessageToByteEncoder<Packet> {
    public static final MqttFrameEncoder INSTANCE = new MqttFrameEncoder();

    private MqttFrameEncoder() {
        super(Packet.class);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Packet packet, boolean preferDirect) {
        return ctx.alloc().ioBuffer(PacketEncoder.encodedSize(packet, version(ctx)));
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Packet packet, ByteBuf out) {
        PacketEncoder.encode(packet, version(ctx), out);
    }

    private static MqttVersion version(ChannelHandlerContext ctx) {
        MqttVersion v = ctx.channel().attr(ConnectionAttributes.VERSION).get();
        return v == null ? MqttVersion.V3_1_1 : v;
    }
}
