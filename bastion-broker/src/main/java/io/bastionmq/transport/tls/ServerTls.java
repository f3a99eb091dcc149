package io.bastionmq.transport.tls;

import io.bastionmq.config.ListenerConfig;
import io.bastionmq.config.TlsConfig;
import io.bastionmq.connection.ConnectionAttributes;
import io.bastionmq.connection.MqttConnection;
import io.bastionmq.codec.reason.DisconnectReason;
import io.bastionmq.security.x509.PeerIdentity;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS stage of one listener. Hands each new connection an {@link SslHandler} from the current
 * context; records the verified client certificate on the channel
 * ({@link ConnectionAttributes#PEER_IDENTITY}) when the handshake completes; and, polled by the
 * broker's timer, rebuilds the context when a file changed. New connections use the new context,
 * existing ones keep theirs, except those whose certificate the new CRL revokes: they are
 * disconnected at once (THREATS.md C10), MQTT 5 clients with reason 0x98 (administrative action).
 * A connection whose certificate expires while it is open is disconnected at that moment, MQTT 5
 * clients with reason 0x87 (not authorized).
 *
 * <p>A reload that fails (a half-written file, a key that does not match) keeps the old context
 * and logs why; the next change of any file retries.
 */
public final class ServerTls {
    private static final Logger log = LoggerFactory.getLogger(ServerTls.class);

    private final ListenerConfig listener;
    private final TlsConfig tls;
    private final TlsFiles files;
    private final Clock clock;
    private final long handshakeTimeoutMillis;
    /** Connections that presented a verified certificate: the ones a CRL can cut. */
    private final ChannelGroup verified = new DefaultChannelGroup("verified", GlobalEventExecutor.INSTANCE);
    private volatile TlsContexts.Built current;
    private String fingerprint;

    ServerTls(ListenerConfig listener, TlsFiles files, Clock clock, Duration handshakeTimeout) throws IOException, GeneralSecurityException {
        this.listener = listener;
        this.tls = Objects.requireNonNull(listener.tls());
        this.files = files;
        this.clock = clock;
        this.handshakeTimeoutMillis = handshakeTimeout.toMillis();
        this.fingerprint = files.fingerprint();
        this.current = TlsContexts.build(listener.name(), tls, files, clock);
    }

    /** The first stage of a connection on this listener. */
    public SslHandler newHandler(Channel channel) {
        SslHandler handler = current.context().newHandler(channel.alloc());
        handler.setHandshakeTimeoutMillis(handshakeTimeoutMillis); // a stalled handshake is a slowloris too
        handler.handshakeFuture().addListener((Future<Channel> f) -> {
            if (f.isSuccess()) onHandshake(channel, handler);
        });
        return handler;
    }

    private void onHandshake(Channel channel, SslHandler handler) {
        X509Certificate leaf;
        try {
            Certificate[] peer = handler.engine().getSession().getPeerCertificates();
            if (peer.length == 0 || !(peer[0] instanceof X509Certificate x)) return;
            leaf = x;
        } catch (SSLPeerUnverifiedException e) {
            return; // no certificate: client_auth none, or optional and none sent
        }
        PeerIdentity id = PeerIdentity.of(leaf);
        channel.attr(ConnectionAttributes.PEER_IDENTITY).set(id);
        verified.add(channel);
        // A CRL that arrived between the verification and this line has not seen this channel.
        cutIfRevoked(channel, id, current.revocations());
        cutAtExpiry(channel, id, leaf);
    }

    /**
     * The handshake proved a certificate valid then; a connection must not outlive it (THREATS.md
     * C5, C10). The timer is cancelled when the channel closes, so it pins nothing.
     */
    private void cutAtExpiry(Channel channel, PeerIdentity id, X509Certificate leaf) {
        long millis = leaf.getNotAfter().getTime() - clock.millis();
        ScheduledFuture<?> timer = channel.eventLoop().schedule(() -> {
            log.warn("listener '{}': closing the connection of {} ({}): certificate expired at {}", listener.name(),
                    channel.remoteAddress(), id.describe(), leaf.getNotAfter().toInstant());
            MqttConnection.disconnect(channel, DisconnectReason.NOT_AUTHORIZED, "certificate expired");
        }, Math.max(0, millis), TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(f -> timer.cancel(false));
    }

    /** Rebuilds the context if any file changed since the last look; called every few seconds. */
    void poll() {
        String now = files.fingerprint();
        if (now.equals(fingerprint)) return;
        fingerprint = now;
        TlsContexts.Built built;
        try {
            built = TlsContexts.build(listener.name(), tls, files, clock);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            log.error("listener '{}': TLS files changed but cannot be loaded, keeping the previous ones: {}", listener.name(), e.getMessage());
            return;
        }
        current = built;
        log.info("listener '{}': TLS files reloaded; new connections use them ({} revoked certificates in the CRL)",
                listener.name(), built.revocations().size());
        for (Channel ch : verified) {
            PeerIdentity id = ch.attr(ConnectionAttributes.PEER_IDENTITY).get();
            if (id != null) cutIfRevoked(ch, id, built.revocations());
        }
    }

    private void cutIfRevoked(Channel channel, PeerIdentity id, Revocations revocations) {
        Revocations.Revoked revoked = revocations.revoked(id);
        if (revoked == null) return;
        log.warn("listener '{}': closing the connection of {} ({}): certificate {}", listener.name(),
                channel.remoteAddress(), id.describe(), revoked.describe());
        channel.eventLoop().execute(() -> MqttConnection.disconnect(channel, DisconnectReason.ADMINISTRATIVE_ACTION, "certificate revoked"));
    }
}
