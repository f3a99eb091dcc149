package io.bastionmq.transport;

import io.bastionmq.connection.ConnectionAttributes;
import io.bastionmq.limits.Admission;
import io.bastionmq.limits.Refusal;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The ADMISSION stage: decides when the TCP connection opens whether the broker takes it
 * (bans, overload, connect rate, connection counts; see {@link Admission}). An admitted
 * connection keeps its place until it closes, and this stage removes itself.
 *
 * <p>A refused connection is not simply closed: the client would see a reset and retry at once.
 * It is marked with its {@link Refusal} and given {@link #REFUSAL_DEADLINE} to send CONNECT, which
 * the connection answers with the reason (MQTT5 3.2.2.2: 0x8A, 0x89, 0x97, 0x9F; the 3.1.1 return
 * code for it). Until then it may send at most {@link #REFUSED_BYTES_MAXIMUM} bytes: a refused
 * client commits no more memory than a small CONNECT needs (STYLE rule 7).
 */
public final class AdmissionHandler extends ChannelInboundHandlerAdapter {
    static final Duration REFUSAL_DEADLINE = Duration.ofSeconds(2);
    static final int REFUSED_BYTES_MAXIMUM = 16 * 1024;

    private final Admission admission;
    private boolean refused;
    private long refusedBytes;

    public AdmissionHandler(Admission admission) {
        this.admission = admission;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        InetAddress peer = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        Refusal refusal = admission.admit(peer);
        if (refusal == null) {
            ctx.channel().closeFuture().addListener(f -> admission.release(peer));
            ctx.pipeline().remove(this);
        } else {
            refused = true;
            ctx.channel().attr(ConnectionAttributes.ADMISSION_REFUSAL).set(refusal);
            ctx.executor().schedule(() -> {
                ctx.close();
            }, REFUSAL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused && msg instanceof ByteBuf bytes) {
            refusedBytes += bytes.readableBytes();
            if (refusedBytes > REFUSED_BYTES_MAXIMUM) {
                ReferenceCountUtil.release(msg);
                ctx.close();
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }
}
