package io.bastionmq.it.tls;

import io.bastionmq.it.support.Paho5Callback;
import io.bastionmq.cli.Main;
import io.bastionmq.config.TlsConfig;
import io.bastionmq.security.ca.CertificateAuthority;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * THREATS.md C8, C10: a listener with {@code client_auth: required}, {@code allow_anonymous:
 * false} and {@code require_client_id_match: true}, attacked with every kind of bad certificate.
 */
class MutualTlsIT {
    @TempDir
    Path dir;

    private TlsBroker broker;

    @BeforeEach
    void start() {
        broker = TlsBroker.start(dir, TlsConfig.ClientAuth.REQUIRED,
                new TlsConfig.Identity(TlsConfig.UsernameFrom.CN, true), false);
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void aVerifiedDeviceCertificateAuthenticatesEvenWithoutAnonymousAccess() throws Exception {
        TlsBroker.Device dev = broker.issue("dev-1");
        try (SSLSocket s = TlsWire.open(broker.clientContext(dev), broker.port())) {
            assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(TlsWire.connect(s, "dev-1", true)).isZero();
        }
        try (SSLSocket s = TlsWire.open(broker.clientContext(dev), broker.port())) {
            assertThat(TlsWire.connect(s, "dev-1", false)).as("3.1.1 too").isZero();
        }
    }

    @Test
    void aClientWithoutACertificateFailsTheHandshake() throws Exception {
        SSLContext noCert = broker.clientContext(null);
        assertThatThrownBy(() -> {
            try (SSLSocket s = TlsWire.open(noCert, broker.port())) {
                TlsWire.connect(s, "dev-1", true); // TLS 1.3: the refusal can arrive after the client's Finished
            }
        }).isInstanceOfAny(SSLException.class, java.net.SocketException.class, java.io.EOFException.class);
    }

    @Test
    void aCertificateFromAnotherCaIsRefused() throws Exception {
        CertificateAuthority other = CertificateAuthority.openOrCreate(dir.resolve("other-ca"), Clock.systemUTC());
        TlsBroker.Device rogue = TlsBroker.Device.of(other.issueDevice("dev-1", null, dir.resolve("rogue"), 30));
        assertRefusedAtHandshake(rogue);
    }

    @Test
    void anExpiredCertificateIsRefused() throws Exception {
        assertRefusedAtHandshake(broker.issueExpired("dev-old"));
    }

    @Test
    void aRevokedCertificateIsRefusedAtTheHandshake() throws Exception {
        TlsBroker.Device dev = broker.issue("dev-gone");
        broker.ca().revokeDevice("dev-gone");
        Thread.sleep(3_000); // > RELOAD_INTERVAL: the listener has reloaded the CRL
        assertRefusedAtHandshake(dev);
    }

    @Test
    void revokingWithTheCliCutsTheLiveSessionWithinSeconds() throws Exception {
        TlsBroker.Device dev = broker.issue("dev-live");
        CompletableFuture<Integer> disconnected = new CompletableFuture<>();
        try (var client = new Paho5("ssl://127.0.0.1:" + broker.port(), dev.id())) {
            client.setCallback(new DisconnectRecorder(disconnected));
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setSocketFactory(broker.clientContext(dev).getSocketFactory());
            client.connect(o);
            assertThat(client.isConnected()).isTrue();

            StringWriter out = new StringWriter();
            CommandLine cli = Main.commandLine();
            cli.setOut(new PrintWriter(out));
            long revokedAt = System.nanoTime();
            assertThat(cli.execute("cert", "revoke", "dev-live", "--data-dir", dir.toString())).isZero();
            assertThat(out.toString()).contains("revoked dev-live");

            int reason = disconnected.get(10, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - revokedAt);
            assertThat(reason).as("DISCONNECT 0x98 administrative action").isEqualTo(0x98);
            assertThat(millis).isLessThan(5_000);
        }
        assertRefusedAtHandshake(dev);
    }

    @Test
    void aCertificateThatExpiresWhileConnectedCutsTheConnectionThen() throws Exception {
        Instant now = Instant.now();
        TlsBroker.Device dev = broker.issueValidUntil("dev-short", now.plusSeconds(3));
        CompletableFuture<Integer> disconnected = new CompletableFuture<>();
        try (var client = new Paho5("ssl://127.0.0.1:" + broker.port(), dev.id())) {
            client.setCallback(new DisconnectRecorder(disconnected));
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setSocketFactory(broker.clientContext(dev).getSocketFactory());
            client.connect(o);
            assertThat(client.isConnected()).isTrue();

            int reason = disconnected.get(15, TimeUnit.SECONDS);
            assertThat(reason).as("DISCONNECT 0x87 not authorized").isEqualTo(0x87);
            // X.509 notAfter has a one-second resolution: the cut comes at it, never before.
            assertThat(Instant.now()).isAfterOrEqualTo(now.plusSeconds(2));
        }
        assertRefusedAtHandshake(dev);
    }

    @Test
    void aClientIdOtherThanTheCertificateCnIsRefusedWith0x85() throws Exception {
        TlsBroker.Device dev = broker.issue("dev-1");
        try (SSLSocket s = TlsWire.open(broker.clientContext(dev), broker.port())) {
            assertThat(TlsWire.connect(s, "dev-2", true)).isEqualTo(0x85);
        }
        try (SSLSocket s = TlsWire.open(broker.clientContext(dev), broker.port())) {
            assertThat(TlsWire.connect(s, "dev-2", false)).as("3.1.1: identifier rejected").isEqualTo(0x02);
        }
    }

    @Test
    void pahoSeesTheClientIdBindingAsIdentifierNotValid() throws Exception {
        TlsBroker.Device dev = broker.issue("dev-1");
        try (var client = new Paho5("ssl://127.0.0.1:" + broker.port(), "dev-2")) {
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setSocketFactory(broker.clientContext(dev).getSocketFactory());
            assertThatThrownBy(() -> client.connect(o)).isInstanceOfSatisfying(MqttException.class,
                    e -> assertThat(e.getReasonCode()).isEqualTo(0x85));
        }
    }

    private void assertRefusedAtHandshake(TlsBroker.Device device) throws Exception {
        SSLContext ctx = broker.clientContext(device);
        assertThatThrownBy(() -> {
            try (SSLSocket s = TlsWire.open(ctx, broker.port())) {
                TlsWire.connect(s, device.id(), true); // TLS 1.3 reports a client-certificate refusal on first read
            }
        }).isInstanceOfAny(SSLException.class, java.net.SocketException.class, java.io.EOFException.class);
    }

    /** Records the reason code of a server DISCONNECT, or -1 for a plain close. */
    private record DisconnectRecorder(CompletableFuture<Integer> reason) implements Paho5Callback {
        @Override
        public void disconnected(MqttDisconnectResponse r) {
            reason.complete(r.getReturnCode());
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            reason.complete(-1);
        }
    }
}
