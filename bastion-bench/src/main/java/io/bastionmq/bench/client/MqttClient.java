package io.bastionmq.bench.client;

import io.bastionmq.codec.packet.ConnAck;
import io.bastionmq.codec.packet.Connect;
import io.bastionmq.codec.packet.Disconnect;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Packet;
import io.bastionmq.codec.packet.Payload;
import io.bastionmq.codec.packet.PingReq;
import io.bastionmq.codec.packet.PingResp;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.PubAck;
import io.bastionmq.codec.packet.PubComp;
import io.bastionmq.codec.packet.PubRec;
import io.bastionmq.codec.packet.PubRel;
import io.bastionmq.codec.packet.Publish;
import io.bastionmq.codec.packet.QoS;
import io.bastionmq.codec.packet.SubAck;
import io.bastionmq.codec.packet.Subscribe;
import io.bastionmq.codec.packet.Subscription;
import io.bastionmq.codec.reason.SubAckReason;
import io.bastionmq.codec.wire.Property;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One MQTT connection of the load tool. It speaks only the client side a load needs: CONNECT,
 * one SUBSCRIBE, PUBLISH at any QoS with the acknowledgements both ways, keep-alive and
 * DISCONNECT. Writes are not flushed one by one: publishers call {@link #flush()} after a batch,
 * and acknowledgements to the broker go out at the end of each read.
 *
 * <p>Confined to its event loop: {@link #publish}, {@link #flush} and the queries must be called
 * there; {@link #connect}, {@link #subscribe} and {@link #disconnect} may be called from any thread.
 */
public final class MqttClient extends SimpleChannelInboundHandler<Packet> {
    private final ClientOptions options;
    private final String clientId;
    private final ClientListener listener;
    private final CompletableFuture<MqttClient> connected = new CompletableFuture<>();
    private final PacketIds packetIds = new PacketIds();
    private @Nullable CompletableFuture<Void> subscribed;
    private volatile @Nullable Channel channel;
    private boolean closing;

    private MqttClient(ClientOptions options, String clientId, ClientListener listener) {
        super(Packet.class);
        this.options = options;
        this.clientId = clientId;
        this.listener = listener;
    }

    /** Opens a TCP (or TLS) connection and completes once the broker accepted the CONNECT. */
    public static CompletableFuture<MqttClient> connect(Transport transport, ClientOptions options, String clientId,
            ClientListener listener) {
        MqttClient client = new MqttClient(options, clientId, listener);
        MqttVersion version = options.version();
        transport.bootstrap()
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        SslContext tls = options.tls();
                        if (tls != null) {
                            // No peer host/port: no client session cache entry, so every handshake is a full one.
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(
                                new ClientFrameDecoder(version),
                                new ClientFrameEncoder(version),
                                new IdleStateHandler(0, Math.max(1, options.keepAliveSeconds() / 2), 0),
                                client);
                    }
                })
                .connect(options.host(), options.port())
                .addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        client.connected.completeExceptionally(f.cause());
                    }
                });
        return client.connected;
    }

    public EventLoop eventLoop() {
        return channel().eventLoop();
    }

    public boolean isWritable() {
        return channel().isWritable();
    }

    /** QoS 1 and 2 publishes sent and not yet completed. */
    public int unacknowledged() {
        return packetIds.inUse();
    }

    /** Subscribes to one filter; fails if the broker refuses it. */
    public CompletableFuture<Void> subscribe(String filter, QoS qos) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        eventLoop().execute(() -> {
            subscribed = result;
            channel().writeAndFlush(new Subscribe(1, List.of(Subscription.of(filter, qos)), Properties.EMPTY));
        });
        return result;
    }

    /** Queues one PUBLISH without flushing; false (and nothing written) when all 65,535 packet ids are in flight. */
    public boolean publish(String topic, QoS qos, byte[] payload) {
        int packetId = 0;
        if (qos != QoS.AT_MOST_ONCE) {
            packetId = packetIds.acquire();
            if (packetId == 0) {
                return false;
            }
        }
        channel().write(new Publish(topic, qos, false, false, packetId, Payload.wrap(payload), Properties.EMPTY), channel().voidPromise());
        return true;
    }

    public void flush() {
        channel().flush();
    }

    /** Sends DISCONNECT and closes; the returned future completes when the socket is closed. */
    public CompletableFuture<Void> disconnect() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        Channel ch = channel();
        ch.closeFuture().addListener(f -> closed.complete(null));
        ch.eventLoop().execute(() -> {
            closing = true;
            ch.writeAndFlush(Disconnect.NORMAL).addListener(ChannelFutureListener.CLOSE);
        });
        return closed;
    }

    private Channel channel() {
        Channel ch = channel;
        if (ch == null) {
            throw new IllegalStateException(clientId + " is not connected");
        }
        return ch;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        Payload password = options.password() == null ? null : Payload.utf8(options.password());
        boolean persistent = options.persistentSession();
        Properties properties = persistent && options.version() == MqttVersion.V5
                ? Properties.builder().set(Property.SESSION_EXPIRY_INTERVAL, ClientOptions.PERSISTENT_SESSION_EXPIRY_SECONDS).build()
                : Properties.EMPTY;
        ctx.writeAndFlush(new Connect(options.version(), clientId, !persistent, options.keepAliveSeconds(),
                options.username(), password, null, properties));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Packet packet) {
        switch (packet) {
            case ConnAck c -> onConnAck(c);
            case SubAck s -> onSubAck(s);
            case Publish p -> onPublish(ctx, p);
            case PubAck a -> completed(a.packetId(), a.reason().isError());
            case PubRec r -> onPubRec(ctx, r);
            case PubRel r -> ctx.write(new PubComp(r.packetId()), ctx.voidPromise());
            case PubComp c -> completed(c.packetId(), c.reason().isError());
            case PingResp p -> { }
            case Disconnect d -> fail(ctx, new IOException("broker sent DISCONNECT " + d.reason()));
            default -> fail(ctx, new IOException("unexpected " + packet.type() + " from the broker"));
        }
    }

    private void onConnAck(ConnAck connAck) {
        if (connAck.reason().isError()) {
            connected.completeExceptionally(new IOException("CONNACK " + connAck.reason()));
            channel().close();
        } else {
            connected.complete(this);
        }
    }

    private void onSubAck(SubAck subAck) {
        CompletableFuture<Void> pending = subscribed;
        subscribed = null;
        if (pending == null) {
            return;
        }
        SubAckReason reason = subAck.reasons().getFirst();
        if (reason.isError()) {
            pending.completeExceptionally(new IOException("SUBACK " + reason));
        } else {
            pending.complete(null);
        }
    }

    private void onPublish(ChannelHandlerContext ctx, Publish publish) {
        switch (publish.qos()) {
            case AT_MOST_ONCE -> { }
            case AT_LEAST_ONCE -> ctx.write(new PubAck(publish.packetId()), ctx.voidPromise());
            case EXACTLY_ONCE -> ctx.write(new PubRec(publish.packetId()), ctx.voidPromise());
        }
        listener.onPublish(publish);
    }

    private void onPubRec(ChannelHandlerContext ctx, PubRec pubRec) {
        if (pubRec.reason().isError()) {
            completed(pubRec.packetId(), true);
        } else {
            ctx.write(new PubRel(pubRec.packetId()), ctx.voidPromise());
        }
    }

    private void completed(int packetId, boolean error) {
        packetIds.release(packetId);
        listener.onAcknowledged(error);
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        exceptionCaught(ctx, cause);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            listener.onWritable();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            ctx.writeAndFlush(PingReq.INSTANCE, ctx.voidPromise());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        closed(cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed(new IOException("connection closed by the broker"));
    }

    /** Fails whatever waits on this connection and tells the listener, once; a close we asked for is not news. */
    private void closed(Throwable cause) {
        connected.completeExceptionally(cause);
        CompletableFuture<Void> pending = subscribed;
        subscribed = null;
        if (pending != null) {
            pending.completeExceptionally(cause);
        }
        if (!closing) {
            closing = true;
            listener.onClosed(cause);
        }
    }
}
