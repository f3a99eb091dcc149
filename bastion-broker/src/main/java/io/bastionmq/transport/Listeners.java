package io.bastionmq.transport;

import io.bastionmq.config.ListenerConfig;
import io.bastionmq.connection.ConnectionServices;
import io.bastionmq.connection.MqttConnection;
import io.bastionmq.transport.tls.ServerTls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network side of the broker: one event loop per core (epoll where the platform has it, NIO
 * otherwise), and one server channel per configured listener. Nothing listens that the
 * configuration does not name.
 */
public final class Listeners implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Class<? extends ServerChannel> channelType;
    private final Map<String, Channel> bound = new LinkedHashMap<>();
    private final ChannelGroup connections = new DefaultChannelGroup("connections", GlobalEventExecutor.INSTANCE);

    public Listeners() {
        int threads = Runtime.getRuntime().availableProcessors();
        if (Epoll.isAvailable()) {
            boss = new EpollEventLoopGroup(1, new DefaultThreadFactory("bastion-accept"));
            workers = new EpollEventLoopGroup(threads, new DefaultThreadFactory("bastion-io"));
            channelType = EpollServerSocketChannel.class;
        } else {
            boss = new NioEventLoopGroup(1, new DefaultThreadFactory("bastion-accept"));
            workers = new NioEventLoopGroup(threads, new DefaultThreadFactory("bastion-io"));
            channelType = NioServerSocketChannel.class;
        }
    }

    /** Binds every listener; a listener that cannot bind stops the start with its address. */
    public void bind(List<ListenerConfig> listeners, Function<ListenerConfig, ConnectionServices> servicesFor) {
        bind(listeners, servicesFor, l -> null);
    }

    /** {@link #bind(List, Function)}, with the TLS stage of each TLS listener ({@code tlsFor} answers null for plaintext). */
    public void bind(List<ListenerConfig> listeners, Function<ListenerConfig, ConnectionServices> servicesFor,
                     Function<ListenerConfig, @Nullable ServerTls> tlsFor) {
        for (ListenerConfig l : listeners) {
            ConnectionServices services = servicesFor.apply(l);
            MqttChannelInitializer initializer = new MqttChannelInitializer(l, services, connections, tlsFor.apply(l));
            ServerBootstrap b = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(channelType)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    // A slow consumer makes its channel unwritable at 256 KiB queued; sessions
                    // then stop sending it QoS 0 instead of buffering without bound.
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 256 * 1024))
                    .childHandler(initializer);
            try {
                Channel ch = b.bind(new InetSocketAddress(l.bind(), l.port())).sync().channel();
                bound.put(l.name(), ch);
                log.info("listening on {}", l.uri(port(l.name())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while binding " + l.name(), e);
            } catch (Exception e) {
                throw new IllegalStateException("listener '" + l.name() + "' cannot bind " + l.bind() + ":" + l.port() + ": " + e.getMessage(), e);
            }
        }
    }

    /** The port a listener is bound to (useful when the configuration said 0). */
    public int port(String listenerName) {
        Channel ch = bound.get(listenerName);
        if (ch == null) {
            throw new IllegalArgumentException("no listener named " + listenerName);
        }
        return ((InetSocketAddress) ch.localAddress()).getPort();
    }

    /** Stops accepting new connections. */
    public void stopAccepting() {
        for (Channel ch : bound.values()) {
            ch.close().syncUninterruptibly();
        }
    }

    /** Tells every client the server is shutting down (0x8B for MQTT 5) and waits until they are closed. */
    public void disconnectAll(Duration wait) {
        for (Channel ch : connections) {
            ch.eventLoop().execute(() -> MqttConnection.shutdown(ch));
        }
        connections.newCloseFuture().awaitUninterruptibly(wait.toMillis());
        connections.close().awaitUninterruptibly(wait.toMillis());
    }

    public int openConnections() {
        return connections.size();
    }

    @Override
    public void close() {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
