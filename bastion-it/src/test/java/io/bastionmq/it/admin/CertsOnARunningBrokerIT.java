package io.bastionmq.it.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.bastionmq.security.ca.Pem;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bastion cert issue|revoke|list} while the broker runs (THREATS.md C8, C10, C25): the
 * broker signs and the CLI writes the files (key 0600); a device connects over mutual TLS with
 * them, with mosquitto_pub and with Paho's MQTT 5 client; a revocation cuts the live session with
 * DISCONNECT 0x98 before the next CRL poll, because the endpoint tells the TLS listeners at once.
 */
class CertsOnARunningBrokerIT {
    private static final int ADMINISTRATIVE_ACTION = 0x98;

    @TempDir Path dir;
    @TempDir Path devices;

    @Test
    void issueConnectRevokeCutsTheLiveSessionAtOnce() throws Exception {
        try (LiveBroker broker = LiveBroker.start(dir)) {
            assertThat(broker.cli("cert", "issue", "dev-9", "--days", "2", "--out", devices.toString())).as(broker.err.toString()).isZero();
            Path cert = devices.resolve("dev-9.pem");
            Path key = devices.resolve("dev-9-key.pem");
            assertThat(broker.out.toString()).startsWith("issued a certificate for dev-9 (serial ")
                    .contains("  certificate:    " + cert).contains("  private key:    " + key)
                    .contains("  CA certificate: " + dir.resolve("ca").resolve("ca.pem"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
            assertThat(Files.readString(key)).contains("PRIVATE KEY");
            assertThat(broker.cli("cert", "issue", "dev-9", "--out", devices.toString())).isEqualTo(1);
            assertThat(broker.err.toString()).contains("already exists");

            if (installed("mosquitto_pub")) {
                assertThat(mosquittoPub(broker, cert, key)).as("mosquitto_pub over mTLS with the issued files").isZero();
            }

            CompletableFuture<Integer> disconnected = new CompletableFuture<>();
            MqttClient device = new MqttClient("ssl://127.0.0.1:" + broker.mtlsPort(), "dev-9", new MemoryPersistence());
            device.setCallback(new DisconnectRecorder(disconnected));
            MqttConnectionOptions options = new MqttConnectionOptions();
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys(cert, key).getKeyManagers(), trust(dir.resolve("ca").resolve("ca.pem")).getTrustManagers(), null);
            options.setSocketFactory(tls.getSocketFactory());
            device.connect(options);
            device.publish("devices/dev-9/up", new MqttMessage("hello".getBytes(StandardCharsets.UTF_8), 1, false, null));

            long start = System.nanoTime();
            assertThat(broker.cli("cert", "revoke", "dev-9")).as(broker.err.toString()).isZero();
            long cliMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            int reason = disconnected.get(10, TimeUnit.SECONDS);
            long cutMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            device.close(true);
            System.out.printf("cert revoke: CLI returned after %d ms, live session cut after %d ms%n", cliMillis, cutMillis);
            assertThat(broker.out.toString()).startsWith("revoked dev-9 (serial ")
                    .contains("the running broker applied it and closed the device's live connections");
            assertThat(reason).as("DISCONNECT 0x98 administrative action").isEqualTo(ADMINISTRATIVE_ACTION);
            // The CRL file is polled every 2 s; the endpoint applies it before answering instead.
            assertThat(cutMillis - cliMillis).as("cut after the CLI returned, ms").isLessThan(1_000);

            if (installed("mosquitto_pub")) {
                assertThat(mosquittoPub(broker, cert, key)).as("the revoked certificate is refused").isNotZero();
            }
            assertThat(broker.cli("cert", "list")).isZero();
            assertThat(broker.out.toString()).containsPattern("dev-9 +\\S+ +yes, ");
            assertThat(broker.cli("cert", "revoke", "dev-9")).isEqualTo(1);
            assertThat(broker.err.toString()).contains("no valid certificate matches dev-9");

            String audit = broker.auditContaining("revoked by admin-endpoint");
            assertThat(audit).contains("certificate issued (serial").contains("revoked by admin-endpoint")
                    .doesNotContain("PRIVATE KEY");
        }
    }

    @Test
    void issueFromACsrWritesOnlyTheCertificate() throws Exception {
        assumeThat(installed("openssl")).as("openssl makes the device's key and CSR").isTrue();
        Path deviceKey = devices.resolve("own-key.pem");
        Path csr = devices.resolve("dev-10.csr");
        Process p = new ProcessBuilder("openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", deviceKey.toString(), "-out", csr.toString(), "-subj", "/CN=dev-10").redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
        try (LiveBroker broker = LiveBroker.start(dir)) {
            assertThat(broker.cli("cert", "issue", "dev-10", "--csr", csr.toString(), "--out", devices.toString()))
                    .as(broker.err.toString()).isZero();
            assertThat(broker.out.toString()).doesNotContain("private key:").contains("--key <device key>");
            assertThat(devices.resolve("dev-10.pem")).exists();
            assertThat(devices.resolve("dev-10-key.pem")).doesNotExist();
            if (installed("mosquitto_pub")) {
                assertThat(mosquittoPub(broker, devices.resolve("dev-10.pem"), deviceKey, "dev-10")).isZero();
            }
        }
    }

    /** Completes with the reason code of the DISCONNECT that ended the connection (-1: closed without one). */
    private record DisconnectRecorder(CompletableFuture<Integer> reason) implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            reason.complete(response.getReturnCode());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            reason.complete(-1);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {}

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }

    private static int mosquittoPub(LiveBroker broker, Path cert, Path key) throws Exception {
        return mosquittoPub(broker, cert, key, "dev-9");
    }

    /** mosquitto_pub over mutual TLS, QoS 1 into the device's own topic; its exit status. */
    private static int mosquittoPub(LiveBroker broker, Path cert, Path key, String id) throws Exception {
        Process p = new ProcessBuilder(List.of("mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(broker.mtlsPort()),
                "--cafile", broker.dataDir().resolve("ca").resolve("ca.pem").toString(), "--cert", cert.toString(), "--key", key.toString(),
                "-i", id, "-q", "1", "-t", "devices/" + id + "/hello", "-m", "hi")).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static boolean installed(String tool) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "command -v " + tool).start();
        return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static KeyManagerFactory keys(Path cert, Path key) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("device", Pem.readPrivateKey(key), new char[0], Pem.readCertificates(cert).toArray(X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(ks, new char[0]);
        return kmf;
    }

    private static TrustManagerFactory trust(Path caCert) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("ca", Pem.readCertificates(caCert).get(0));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ks);
        return tmf;
    }
}
