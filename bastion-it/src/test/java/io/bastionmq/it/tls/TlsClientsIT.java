package io.bastionmq.it.tls;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClientPersistence;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** THREATS.md C7, C8: third-party clients over TLS with the built-in CA (mqtts:// and wss://). */
class TlsClientsIT {
    @TempDir
    Path dir;

    private TlsBroker broker;

    @BeforeEach
    void start() {
        broker = TlsBroker.start(dir);
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void pahoV3OverTlsTrustingTheBuiltinCa() throws Exception {
        assertPahoV3RoundTrip("ssl://127.0.0.1:" + broker.port(), broker.clientContext(null));
    }

    @Test
    void pahoV3OverSecureWebSocket() throws Exception {
        assertPahoV3RoundTrip("wss://127.0.0.1:" + broker.wssPort() + "/mqtt", broker.clientContext(null));
    }

    private void assertPahoV3RoundTrip(String uri, javax.net.ssl.SSLContext ctx) throws Exception {
        MqttClientPersistence none = new MemoryPersistence();
        try (var client = new org.eclipse.paho.client.mqttv3.MqttClient(uri, "paho3-tls", none)) {
            MqttConnectOptions o = new MqttConnectOptions();
            o.setSocketFactory(ctx.getSocketFactory()); // hostname verification stays on: the SAN names 127.0.0.1
            client.connect(o);
            BlockingQueue<String> got = new ArrayBlockingQueue<>(1);
            client.subscribe("tls/v3", 1, (t, m) -> got.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
            client.publish("tls/v3", "secret".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo("secret");
            client.disconnect();
        }
    }

    @Test
    void pahoV5OverTlsWithADeviceCertificate() throws Exception {
        TlsBroker.Device dev = broker.issue("paho5-dev");
        try (var client = new Paho5("ssl://127.0.0.1:" + broker.port(), dev.id())) {
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setSocketFactory(broker.clientContext(dev).getSocketFactory());
            client.connect(o);
            BlockingQueue<String> got = new ArrayBlockingQueue<>(1);
            // Paho 1.2.5's subscribe(String, int, listener) recurses forever; the array form works.
            client.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {new org.eclipse.paho.mqttv5.common.MqttSubscription("tls/v5", 1)},
                    new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(t, m) -> got.add(new String(m.getPayload(), StandardCharsets.UTF_8))});
            client.publish("tls/v5", "hello".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo("hello");
            client.disconnect();
        }
    }

    @Test
    void hivemqClientOverTlsWithADeviceCertificate() throws Exception {
        TlsBroker.Device dev = broker.issue("hive-dev");
        Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5().identifier(dev.id())
                .serverHost("127.0.0.1").serverPort(broker.port())
                .sslConfig().trustManagerFactory(broker.trustManagers()).keyManagerFactory(TlsBroker.keyManagers(dev))
                .protocols(List.of("TLSv1.3")).applySslConfig()
                .buildBlocking();
        client.connect();
        try (var publishes = client.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith().topicFilter("tls/hive").qos(MqttQos.AT_LEAST_ONCE).send();
            client.publishWith().topic("tls/hive").payload("hi".getBytes(StandardCharsets.UTF_8)).qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt5Publish p = publishes.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("hi");
        }
        client.disconnect();
    }

    @Test
    void mosquittoPubWithCafileAndMosquittoSubWithClientCertificate() throws Exception {
        assumeTrue(Tools.installed("mosquitto_pub") && Tools.installed("mosquitto_sub"), "mosquitto clients not installed");
        String ca = broker.caFiles().caCert().toString();
        String port = Integer.toString(broker.port());
        // Retained, so the subscriber started afterwards receives it without a race.
        Tools.Result pub = Tools.run("mosquitto_pub", "-h", "localhost", "-p", port, "--cafile", ca,
                "-i", "mosq-pub", "-t", "tls/mosq", "-m", "over-tls", "-q", "1", "-r");
        assertThat(pub.exit()).as(pub.output()).isZero();
        TlsBroker.Device dev = broker.issue("mosq-dev");
        Tools.Result sub = Tools.run("mosquitto_sub", "-h", "localhost", "-p", port, "--cafile", ca,
                "--cert", dev.cert().toString(), "--key", dev.key().toString(),
                "-i", dev.id(), "-t", "tls/mosq", "-C", "1", "-W", "10");
        assertThat(sub.exit()).as(sub.output()).isZero();
        assertThat(sub.output()).contains("over-tls");
    }

    @Test
    void mosquittoRefusesABrokerItDoesNotTrust() throws Exception {
        assumeTrue(Tools.installed("mosquitto_pub"), "mosquitto clients not installed");
        Path otherCa = io.bastionmq.security.ca.CertificateAuthority.openOrCreate(dir.resolve("other"),
                java.time.Clock.systemUTC()).files().caCert();
        Tools.Result pub = Tools.run("mosquitto_pub", "-h", "localhost", "-p", Integer.toString(broker.port()),
                "--cafile", otherCa.toString(), "-t", "x", "-m", "y");
        assertThat(pub.exit()).as(pub.output()).isNotZero();
    }
}
