package io.bastionmq.it.tls;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Certificate rotation without a restart: new connections see the new certificate, existing ones stay. */
class TlsReloadIT {
    @TempDir
    Path dir;

    @Test
    void replacingTheServerCertificateReachesNewConnectionsAndKeepsExistingOnes() throws Exception {
        try (TlsBroker broker = TlsBroker.start(dir);
             var client = new org.eclipse.paho.client.mqttv3.MqttClient("ssl://127.0.0.1:" + broker.port(), "stays-up", new MemoryPersistence())) {
            BigInteger before = serverSerial(broker);
            MqttConnectOptions o = new MqttConnectOptions();
            o.setSocketFactory(broker.clientContext(null).getSocketFactory());
            o.setAutomaticReconnect(false);
            client.connect(o);

            Files.delete(broker.caFiles().serverCert()); // the CA then issues a fresh one, as an operator's rotation would
            assertThat(broker.ca().ensureServerCertificate(List.of("127.0.0.1"))).isTrue();
            BigInteger expected = ((X509Certificate) io.bastionmq.security.ca.Pem.readCertificates(broker.caFiles().serverCert()).get(0))
                    .getSerialNumber();
            assertThat(expected).isNotEqualTo(before);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            BigInteger now = before;
            while (!now.equals(expected) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                now = serverSerial(broker);
            }
            assertThat(now).as("a new connection sees the new certificate").isEqualTo(expected);

            assertThat(client.isConnected()).as("the existing connection stays up").isTrue();
            BlockingQueue<String> got = new ArrayBlockingQueue<>(1);
            client.subscribe("reload/t", 1, (t, m) -> got.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
            client.publish("reload/t", "still here".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo("still here");
            client.disconnect();
        }
    }

    private static BigInteger serverSerial(TlsBroker broker) throws Exception {
        try (SSLSocket s = TlsWire.open(broker.clientContext(null), broker.port())) {
            return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }
}
