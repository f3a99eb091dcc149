package io.bastionmq.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Closes a connection that has not completed CONNECT in time, so that idle or trickling sockets
 * (slowloris) cannot hold resources (MQTT5 3.1.4: the server SHOULD close a connection that
 * does not send CONNECT within a reasonable time). The connection removes this stage when its
 * CONNECT arrives, which cancels the timer.
 */
public final class ConnectTimeout extends ChannelInboundHandlerAdapter {
    private final Duration timeout;
    private @Nullable ScheduledFuture<?> timer;

    public ConnectTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start(ctx);
        super.channelActive(ctx);
    }

    private void start(ChannelHandlerContext ctx) {
        if (timer == null) {
            timer = ctx.executor().schedule(() -> {
                ctx.close();
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
