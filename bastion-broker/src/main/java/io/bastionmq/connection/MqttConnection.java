package io.bastionmq.connection;

import io.bastionmq.codec.reason.ProtocolViolation;
import io.bastionmq.codec.packet.Auth;
import io.bastionmq.codec.packet.ConnAck;
import io.bastionmq.codec.packet.Connect;
import io.bastionmq.codec.packet.Disconnect;
import io.bastionmq.codec.packet.Packet;
import io.bastionmq.codec.packet.PingReq;
import io.bastionmq.codec.packet.PingResp;
import io.bastionmq.codec.packet.PubAck;
import io.bastionmq.codec.packet.PubComp;
import io.bastionmq.codec.packet.PubRec;
import io.bastionmq.codec.packet.PubRel;
import io.bastionmq.codec.packet.Publish;
import io.bastionmq.codec.packet.SubAck;
import io.bastionmq.codec.packet.Subscribe;
import io.bastionmq.codec.packet.UnsubAck;
import io.bastionmq.codec.packet.Unsubscribe;
import io.bastionmq.codec.reason.DisconnectReason;
import io.bastionmq.session.Session;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection's state machine: dispatches each decoded packet to the flow that owns it, and
 * turns every {@link ProtocolViolation} into the right answer through {@link Disconnects}.
 * Confined to the channel's event loop.
 */
public final class MqttConnection extends ChannelInboundHandlerAdapter {
    /** Pipeline names this handler manipulates. */
    public static final String CONNECT_TIMEOUT = "connect-timeout";
    public static final String KEEP_ALIVE = "keep-alive";
    public static final String OUTBOUND_PUBLISHES = "outbound-publishes";

    private static final Logger log = LoggerFactory.getLogger(MqttConnection.class);

    private final ConnectionServices services;
    private final ConnectionState state = new ConnectionState();
    private final Disconnects disconnects;
    private final ConnectFlow connectFlow;
    private final PublishFlow publishFlow;
    private final SubscribeFlow subscribeFlow;
    private boolean normalDisconnect;

    public MqttConnection(ConnectionServices services) {
        this.services = services;
        this.disconnects = new Disconnects(services.metrics());
        this.connectFlow = new ConnectFlow(services, disconnects);
        this.publishFlow = new PublishFlow(services, disconnects);
        this.subscribeFlow = new SubscribeFlow(services);
    }

    /** The outbound stage that renders PUBLISHes for this connection; added by the pipeline initializer. */
    public io.netty.channel.ChannelHandler outboundPublishes() {
        return new OutboundPublishes(state, services.metrics(), services.clock(), services);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        services.metrics().connectionsAccepted.increment();
        services.metrics().connectionsOpen.incrementAndGet();
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state.closing) {
            return; // MQTT-4.8.0-1 et al.: nothing is processed after the decision to close
        }
        Packet packet = (Packet) msg;
        if (state.authenticating) {
            state.heldPackets.add(packet); // read before autoRead went off; handled once CONNECT is decided
            return;
        }
        try {
            dispatch(ctx, packet);
        } catch (ProtocolViolation v) {
            disconnects.onViolation(ctx.channel(), state, v);
        }
    }

    private void dispatch(ChannelHandlerContext ctx, Packet packet) {
        Channel ch = ctx.channel();
        if (connectFlow.enhancedAuth().connecting(state)) {
            switch (packet) {
                case Auth a -> connectFlow.enhancedAuth().onAuth(ch, state, a);
                case Disconnect d -> {
                    state.closing = true; // the client gives up before CONNACK: no session, no will
                    ch.close();
                }
                default -> throw new ProtocolViolation(DisconnectReason.PROTOCOL_ERROR, "MQTT-3.1.2-30",
                        packet.type() + " before the CONNACK of an enhanced authentication (only AUTH or DISCONNECT)");
            }
            return;
        }
        if (!state.connected && !(packet instanceof Connect)) {
            throw new ProtocolViolation(DisconnectReason.PROTOCOL_ERROR, "MQTT-3.1.0-1", "first packet must be CONNECT, got " + packet.type());
        }
        switch (packet) {
            case Connect c -> onConnect(ctx, c);
            case Publish p -> publishFlow.onPublish(ch, state, p);
            case PubAck a -> session().onPubAck(a.packetId());
            case PubRec r -> session().onPubRec(r.packetId(), r.reason());
            case PubRel r -> publishFlow.onPubRel(ch, state, r);
            case PubComp c -> session().onPubComp(c.packetId());
            case Subscribe s -> subscribeFlow.onSubscribe(ch, state, s);
            case Unsubscribe u -> subscribeFlow.onUnsubscribe(ch, state, u);
            case PingReq ping -> ch.writeAndFlush(PingResp.INSTANCE, ch.voidPromise()); // MQTT-3.12.4-1
            case Disconnect d -> onDisconnect(ch, d);
            case Auth a -> connectFlow.enhancedAuth().onAuth(ch, state, a); // MQTT5 4.12.1 re-authentication
            case ConnAck x -> throw serverOnly(packet);
            case SubAck x -> throw serverOnly(packet);
            case UnsubAck x -> throw serverOnly(packet);
            case PingResp x -> throw serverOnly(packet);
        }
    }

    private static ProtocolViolation serverOnly(Packet packet) {
        return new ProtocolViolation(DisconnectReason.PROTOCOL_ERROR, "MQTT5 2.1.2", packet.type() + " is sent only by servers");
    }

    private Session session() {
        Session s = state.session;
        if (s == null) {
            throw new IllegalStateException("no session after CONNECT");
        }
        return s;
    }

    private void onConnect(ChannelHandlerContext ctx, Connect connect) {
        if (state.connected) {
            throw new ProtocolViolation(DisconnectReason.PROTOCOL_ERROR, "MQTT-3.1.0-2", "second CONNECT on one connection");
        }
        boolean enhanced = connect.properties().authenticationMethod() != null;
        if (!enhanced) {
            removeConnectTimeout(ctx);
        } // else the connect timeout covers the whole AUTH exchange, up to CONNACK
        int keepAlive = connectFlow.onConnect(ctx.channel(), state, connect, decided -> {
            removeConnectTimeout(ctx);
            startKeepAlive(ctx, decided);
            replayHeld(ctx);
        }, () -> replayHeld(ctx));
        if (keepAlive != Authentication.PENDING) {
            removeConnectTimeout(ctx);
        }
        startKeepAlive(ctx, keepAlive);
    }

    private static void removeConnectTimeout(ChannelHandlerContext ctx) {
        if (ctx.pipeline().get(CONNECT_TIMEOUT) != null) {
            ctx.pipeline().remove(CONNECT_TIMEOUT);
        }
    }

    /** Handles the packets read while authentication had reading stopped. */
    private void replayHeld(ChannelHandlerContext ctx) {
        while (!state.heldPackets.isEmpty() && ctx.channel().isActive() && !state.authenticating) {
            channelRead(ctx, state.heldPackets.poll());
        }
        if (!ctx.channel().isActive()) {
            state.heldPackets.clear();
        }
    }

    private void startKeepAlive(ChannelHandlerContext ctx, int keepAlive) {
        if (keepAlive > 0) {
            // MQTT-3.1.2-24: one and a half times the keep alive without a packet ends the connection.
            long timeoutMillis = keepAlive * 1500L;
            ctx.pipeline().addBefore(ctx.name(), KEEP_ALIVE, new IdleStateHandler(timeoutMillis, 0, 0, TimeUnit.MILLISECONDS));
        }
    }

    private void onDisconnect(Channel channel, Disconnect d) {
        Long expiry = d.properties().sessionExpiryInterval();
        if (expiry != null) {
            if (state.sessionExpiryInterval == 0 && expiry != 0) {
                throw new ProtocolViolation(DisconnectReason.PROTOCOL_ERROR, "MQTT5 3.14.2.2.2",
                        "session expiry set in DISCONNECT after CONNECT set it to 0");
            }
            session().setExpiryInterval(Math.min(expiry, services.mqtt().maxSessionExpiryInterval()));
        }
        // MQTT-3.14.4-3: a normal DISCONNECT discards the will; 0x04 asks for it to be published.
        normalDisconnect = d.reason() != DisconnectReason.DISCONNECT_WITH_WILL_MESSAGE;
        state.closing = true;
        channel.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            disconnects.serverDisconnect(ctx.channel(), state, DisconnectReason.KEEP_ALIVE_TIMEOUT, "keep alive timeout");
            return;
        }
        if (evt instanceof DisconnectRequest request) {
            disconnects.serverDisconnect(ctx.channel(), state, request.reason(), request.why());
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        services.metrics().connectionsOpen.decrementAndGet();
        Session session = state.session;
        if (session != null) {
            services.sessions().disconnected(session, java.util.Objects.requireNonNull(state.link), normalDisconnect ? null : state.will, state.willDelaySeconds);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof ProtocolViolation v) {
            disconnects.onViolation(ctx.channel(), state, v);
        } else if (root instanceof IOException) {
            ctx.close(); // connection reset and the like: nothing to tell the peer
        } else {
            log.warn("unexpected error on connection of '{}', closing it", state.clientId, root);
            disconnects.serverDisconnect(ctx.channel(), state, DisconnectReason.UNSPECIFIED_ERROR, null);
        }
    }

    /**
     * Ends a connection for a reason decided outside it (a revoked certificate): MQTT 5 clients
     * hear {@code reason}, then the connection closes. Call on the channel's event loop.
     */
    public static void disconnect(Channel channel, DisconnectReason reason, String why) {
        MqttConnection connection = channel.pipeline().get(MqttConnection.class);
        if (connection == null) {
            channel.close();
            return;
        }
        if (!connection.state.connected) {
            connection.state.closing = true;
            channel.close();
            return;
        }
        connection.disconnects.serverDisconnect(channel, connection.state, reason, why);
    }

    /** Graceful shutdown: MQTT 5 clients hear 0x8B (server shutting down), then the connection closes. */
    public static void shutdown(Channel channel) {
        MqttConnection connection = channel.pipeline().get(MqttConnection.class);
        if (connection == null) {
            channel.close();
            return;
        }
        connection.disconnects.serverDisconnect(channel, connection.state, DisconnectReason.SERVER_SHUTTING_DOWN, null);
    }
}
