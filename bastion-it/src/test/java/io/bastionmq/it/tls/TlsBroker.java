package io.bastionmq.it.tls;

import io.bastionmq.Broker;
import io.bastionmq.config.AuditConfig;
import io.bastionmq.config.AuthorizationConfig;
import io.bastionmq.config.BrokerConfig;
import io.bastionmq.config.LimitsConfig;
import io.bastionmq.config.ListenerConfig;
import io.bastionmq.config.ListenerConfig.Transport;
import io.bastionmq.config.MqttConfig;
import io.bastionmq.config.StoreConfig;
import io.bastionmq.config.SysConfig;
import io.bastionmq.config.TlsConfig;
import io.bastionmq.security.ca.CaFiles;
import io.bastionmq.security.ca.CertificateAuthority;
import io.bastionmq.security.ca.Pem;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * A broker with TLS listeners served by its built-in CA in {@code <dir>/ca/}: {@code tls}
 * (mqtts) and {@code wss} (secure WebSocket), both on ephemeral loopback ports, plus the client
 * side: device certificates from that CA (or another one) and the {@link SSLContext}s of clients
 * that trust it. Everything is exercised over real sockets.
 */
final class TlsBroker implements AutoCloseable {
    private final Path dir;
    private final Broker broker;

    private TlsBroker(Path dir, Broker broker) {
        this.dir = dir;
        this.broker = broker;
    }

    /** Anonymous loopback listeners with client certificates optional and no identity rules. */
    static TlsBroker start(Path dir) {
        return start(dir, TlsConfig.ClientAuth.OPTIONAL, TlsConfig.Identity.NONE, true);
    }

    static TlsBroker start(Path dir, TlsConfig.ClientAuth clientAuth, TlsConfig.Identity identity, boolean anonymous) {
        TlsConfig tls = TlsConfig.builtin(clientAuth).with(clientAuth, identity);
        List<ListenerConfig> listeners = List.of(
                new ListenerConfig("tls", Transport.TCP, "127.0.0.1", 0, "/mqtt", false, anonymous, tls),
                new ListenerConfig("wss", Transport.WEBSOCKET, "127.0.0.1", 0, "/mqtt", false, anonymous, tls));
        BrokerConfig config = new BrokerConfig(listeners, dir, StoreConfig.IN_MEMORY, MqttConfig.DEFAULT, SysConfig.DEFAULT,
                LimitsConfig.DEFAULT, AuthorizationConfig.ALLOW_ALL, new AuditConfig(true, dir.resolve("audit").resolve("audit.log"),
                AuditConfig.MAX_FILE_SIZE_DEFAULT, AuditConfig.MAX_FILES_DEFAULT, AuditConfig.QUEUE_CAPACITY_DEFAULT));
        return new TlsBroker(dir, Broker.start(config));
    }

    int port() {
        return broker.port("tls");
    }

    int wssPort() {
        return broker.port("wss");
    }

    CaFiles caFiles() {
        return new CaFiles(dir.resolve("ca"));
    }

    CertificateAuthority ca() {
        return CertificateAuthority.open(dir.resolve("ca"), Clock.systemUTC());
    }

    /** A device certificate and key from this broker's CA. */
    Device issue(String deviceId) {
        return Device.of(ca().issueDevice(deviceId, null, dir.resolve("devices"), 30));
    }

    /** A device certificate valid only in the past. */
    Device issueExpired(String deviceId) {
        Instant now = Instant.now();
        return Device.of(ca().issueDevice(deviceId, null, dir.resolve("devices"), now.minusSeconds(864_000), now.minusSeconds(86_400)));
    }

    /** A device certificate valid from a minute ago until {@code notAfter}. */
    Device issueValidUntil(String deviceId, Instant notAfter) {
        return Device.of(ca().issueDevice(deviceId, null, dir.resolve("devices"), Instant.now().minusSeconds(60), notAfter));
    }

    /** A client context that trusts this broker's CA and presents {@code device}'s certificate, if any. */
    SSLContext clientContext(@Nullable Device device) throws IOException, GeneralSecurityException {
        return context(trustManagers(), device);
    }

    TrustManagerFactory trustManagers() throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", Pem.readCertificates(caFiles().caCert()).get(0));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        return tmf;
    }

    static KeyManagerFactory keyManagers(Device device) throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("device", Pem.readPrivateKey(device.key()), new char[0],
                Pem.readCertificates(device.cert()).toArray(X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(keys, new char[0]);
        return kmf;
    }

    static SSLContext context(TrustManagerFactory trust, @Nullable Device device) throws IOException, GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(device == null ? null : keyManagers(device).getKeyManagers(), trust.getTrustManagers(), null);
        return ctx;
    }

    @Override
    public void close() {
        broker.close();
    }

    /** A device's certificate and private key files. */
    record Device(String id, Path cert, Path key) {
        static Device of(CertificateAuthority.Issued issued) {
            return new Device(issued.entry().commonName(), issued.certFile(), java.util.Objects.requireNonNull(issued.keyFile()));
        }
    }
}
