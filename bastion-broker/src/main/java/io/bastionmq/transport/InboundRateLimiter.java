package io.bastionmq.transport;

import io.bastionmq.codec.packet.Connect;
import io.bastionmq.codec.packet.Publish;
import io.bastionmq.codec.packet.QoS;
import io.bastionmq.codec.reason.DisconnectReason;
import io.bastionmq.config.LimitsConfig.RateLimitAction;
import io.bastionmq.connection.DisconnectRequest;
import io.bastionmq.limits.LimitedConnection;
import io.bastionmq.limits.Limits;
import io.bastionmq.limits.PublishBudget;
import io.bastionmq.metrics.Metrics;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The RATE stage (THREATS.md C15, C18), between the codec and the connection.
 *
 * <p>Inbound: every PUBLISH is charged to the client's {@link PublishBudget}. Over budget, with
 * {@code rate_limit_action: backpressure} (the default), the socket stops being read, so TCP flow
 * control slows the client down and the event loop stays free for everyone else; the packets
 * already decoded from the last read (at most one read buffer) are held, in order, and released
 * one by one as the budget refills, so the client's delivered rate is smooth rather than one
 * read's worth at a time. Nothing read is dropped (that would break QoS). With
 * {@code disconnect}, the client gets DISCONNECT 0x96 (message rate too high, MQTT5 3.14.2.1).
 *
 * <p>Outbound: while the broker is overloaded, QoS 0 PUBLISHes to a subscriber whose socket
 * already has {@link #SLOW_SUBSCRIBER_BYTES} waiting are dropped (QoS 0 promises nothing, MQTT5
 * 4.3.1). The overload monitor also pauses reading through {@link #pauseForOverload}.
 *
 * <p>Confined to the channel's event loop, except the {@link LimitedConnection} methods, which
 * hand their work to it.
 */
final class InboundRateLimiter extends ChannelDuplexHandler implements LimitedConnection {
    /** Outbound bytes queued on a socket at which its subscriber counts as slow: the write buffer's low-water mark. */
    static final int SLOW_SUBSCRIBER_BYTES = 64 * 1024;
    private static final int PAUSED_BY_RATE = 1;
    private static final int PAUSED_BY_OVERLOAD = 2;

    private final Limits limits;
    private final Metrics metrics;
    private final AtomicLong bytesRead = new AtomicLong();
    private @Nullable ChannelHandlerContext ctx;
    private volatile InetAddress peer = InetAddress.getLoopbackAddress();
    private @Nullable PublishBudget budget;
    private volatile @Nullable String clientId;
    private volatile @Nullable String username;
    private int pausedBy;
    /** Set once this stage asked for a 0x96 DISCONNECT: the rest of the read batch is dropped. */
    private boolean cut;
    private @Nullable ScheduledFuture<?> resume;
    /** Packets read while over budget, released in order as it refills; bounded by one read. */
    private final ArrayDeque<Object> held = new ArrayDeque<>(0);

    InboundRateLimiter(Limits limits, Metrics metrics) {
        this.limits = limits;
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        peer = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        limits.connections().add(this);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        limits.connections().remove(this);
        if (resume != null) {
            resume.cancel(false);
        }
        held.clear(); // decoded packets are plain records: nothing to release
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (cut) {
            return; // decoded packets are plain records: nothing to release
        }
        if (!held.isEmpty()) {
            held.addLast(msg); // behind held PUBLISHes: nothing may overtake them (MQTT5 4.6)
            return;
        }
        if (msg instanceof Publish publish && budget != null) {
            bytesRead.addAndGet(sizeOf(publish));
            long wait = budget.debtNanos(limits.nanoTime());
            if (wait > 0) {
                if (limits.config().rateLimitAction() == RateLimitAction.DISCONNECT) {
                    cut = true;
                    metrics.publishRateDisconnects.increment();
                    limits.log().hit("publish_rate", "client '" + clientId + "' disconnected (0x96)");
                    ctx.fireUserEventTriggered(new DisconnectRequest(DisconnectReason.MESSAGE_RATE_TOO_HIGH, "message rate too high"));
                    return;
                }
                held.addLast(msg);
                throttle(ctx, wait);
                return;
            }
            budget.charge(sizeOf(publish), limits.nanoTime());
        } else if (msg instanceof Connect connect) {
            clientId = connect.clientId();
            username = connect.username();
            budget = limits.newPublishBudget();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof Publish publish && publish.qos() == QoS.AT_MOST_ONCE && limits.isOverloaded() && isSlow(ctx.channel())) {
            metrics.overloadShedQos0.increment();
            promise.trySuccess();
            return;
        }
        super.write(ctx, msg, promise);
    }

    private static boolean isSlow(Channel ch) {
        long queued = ch.config().getWriteBufferHighWaterMark() - ch.bytesBeforeUnwritable();
        return !ch.isWritable() || queued >= SLOW_SUBSCRIBER_BYTES;
    }

    /** Stops reading until the budget is out of debt. */
    private void throttle(ChannelHandlerContext ctx, long waitNanos) {
        if ((pausedBy & PAUSED_BY_RATE) == 0) {
            metrics.publishThrottled.increment();
            limits.log().hit("publish_rate", "client '" + clientId + "' paused for " + String.format(java.util.Locale.ROOT, "%.1f", waitNanos / 1e6) + " ms");
        }
        setPaused(ctx, PAUSED_BY_RATE, true);
        if (resume == null || resume.isDone()) {
            resume = ctx.executor().schedule(() -> resumeWhenRepaid(ctx), waitNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Releases held packets while the budget allows; resumes reading once none is held. */
    private void resumeWhenRepaid(ChannelHandlerContext ctx) {
        PublishBudget b = budget;
        while (!held.isEmpty() && ctx.channel().isActive()) {
            Object next = held.peekFirst();
            if (next instanceof Publish publish && b != null) {
                long wait = b.debtNanos(limits.nanoTime());
                if (wait > 0) {
                    resume = ctx.executor().schedule(() -> resumeWhenRepaid(ctx), wait, TimeUnit.NANOSECONDS);
                    return;
                }
                b.charge(sizeOf(publish), limits.nanoTime());
            }
            held.pollFirst();
            ctx.fireChannelRead(next);
        }
        setPaused(ctx, PAUSED_BY_RATE, false);
    }

    private static int sizeOf(Publish publish) {
        return publish.payload().size() + publish.topic().getBytes(StandardCharsets.UTF_8).length;
    }

    /** Reading stops while any reason holds it, and resumes when none does. */
    private void setPaused(ChannelHandlerContext ctx, int reason, boolean paused) {
        pausedBy = paused ? pausedBy | reason : pausedBy & ~reason;
        boolean autoRead = pausedBy == 0;
        if (ctx.channel().config().isAutoRead() != autoRead) {
            ctx.channel().config().setAutoRead(autoRead); // true also asks for the next read
        }
    }

    // ---------------------------------------------------------------- LimitedConnection

    @Override
    public InetAddress address() {
        return peer;
    }

    @Override
    public @Nullable String clientId() {
        return clientId;
    }

    @Override
    public @Nullable String username() {
        return username;
    }

    @Override
    public long drainBytesRead() {
        return bytesRead.getAndSet(0);
    }

    @Override
    public void pauseForOverload(boolean paused) {
        ChannelHandlerContext c = ctx;
        if (c != null) {
            c.executor().execute(() -> setPaused(c, PAUSED_BY_OVERLOAD, paused));
        }
    }

    @Override
    public void disconnect(DisconnectReason reason, String why) {
        ChannelHandlerContext c = ctx;
        if (c != null) {
            c.executor().execute(() -> c.fireUserEventTriggered(new DisconnectRequest(reason, why)));
        }
    }
}
