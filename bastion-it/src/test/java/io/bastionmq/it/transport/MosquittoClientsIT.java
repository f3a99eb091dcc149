package io.bastionmq.it.transport;

import io.bastionmq.it.support.Paho5Callback;
import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.it.support.TestBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interoperability with Mosquitto's command-line clients (libmosquitto, a C implementation that
 * shares nothing with us), at both protocol versions. Skipped when they are not installed.
 */
class MosquittoClientsIT {

    @BeforeAll
    static void requireMosquittoClients() {
        Assumptions.assumeTrue(onPath("mosquitto_pub") && onPath("mosquitto_sub") && onPath("stdbuf"),
                "mosquitto_pub/mosquitto_sub not installed (.ci/run installs them)");
    }

    @ParameterizedTest(name = "-V {0}")
    @ValueSource(strings = {"mqttv311", "mqttv5"})
    @DisplayName("mosquitto_sub receives what mosquitto_pub publishes at QoS 0, 1 and 2")
    void mosquittoSubReceivesFromMosquittoPub(String version) throws Exception {
        try (TestBroker broker = TestBroker.start();
                Sub sub = Sub.start(broker, version, "mosq/" + version, 2, 3)) {
            for (int qos = 0; qos <= 2; qos++) {
                pub(broker, version, "-t", "mosq/" + version, "-q", Integer.toString(qos), "-m", "m" + qos);
            }
            assertThat(sub.messages()).containsExactly("0|0|mosq/" + version + "|m0", "0|1|mosq/" + version + "|m1",
                    "0|2|mosq/" + version + "|m2");
        }
    }

    @ParameterizedTest(name = "-V {0}")
    @ValueSource(strings = {"mqttv311", "mqttv5"})
    @DisplayName("mosquitto_sub receives what Paho publishes, and Paho receives what mosquitto_pub publishes")
    void mosquittoAndPahoInteroperate(String version) throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            MqttClient paho = new MqttClient(broker.tcpUri(), "paho-" + version, new MemoryPersistence());
            try {
                paho.connect(new MqttConnectOptions());
                BlockingQueue<String> got = new ArrayBlockingQueue<>(10);
                paho.subscribe("to/paho", 2, (t, m) -> got.add(m.getQos() + "|" + new String(m.getPayload(), StandardCharsets.UTF_8)));
                try (Sub sub = Sub.start(broker, version, "to/mosquitto", 2, 2)) {
                    paho.publish("to/mosquitto", "p1".getBytes(StandardCharsets.UTF_8), 1, false);
                    paho.publish("to/mosquitto", "p2".getBytes(StandardCharsets.UTF_8), 2, false);
                    assertThat(sub.messages()).containsExactly("0|1|to/mosquitto|p1", "0|2|to/mosquitto|p2");
                }
                pub(broker, version, "-t", "to/paho", "-q", "2", "-m", "from mosquitto");
                assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo("2|from mosquitto");
                pub(broker, version, "-t", "to/paho", "-q", "1", "-m", "again");
                assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo("1|again");
                paho.disconnect();
            } finally {
                if (paho.isConnected()) {
                    paho.disconnectForcibly(1_000);
                }
                paho.close(true);
            }
        }
    }

    @ParameterizedTest(name = "-V {0}")
    @ValueSource(strings = {"mqttv311", "mqttv5"})
    @DisplayName("A message retained with mosquitto_pub -r reaches a later mosquitto_sub with the retain flag [MQTT-3.3.1-5, MQTT-3.3.1-8]")
    void retainedMessageFromMosquittoPubReachesLaterSubscriber(String version) throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            pub(broker, version, "-t", "mosq/retained", "-q", "1", "-r", "-m", "kept");
            try (Sub sub = Sub.start(broker, version, "mosq/retained", 1, 1)) {
                assertThat(sub.messages()).containsExactly("1|1|mosq/retained|kept");
            }
        }
    }

    @Test
    @DisplayName("A user property set by mosquitto_pub -D publish user-property reaches a Paho v5 subscriber [MQTT-3.3.2-17, MQTT-3.3.2-18]")
    void userPropertyFromMosquittoPubReachesPahoV5() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            var paho = new org.eclipse.paho.mqttv5.client.MqttClient(broker.tcpUri(), "paho5-props",
                    new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
            try {
                BlockingQueue<MqttMessage> got = new ArrayBlockingQueue<>(10);
                paho.setCallback(new PahoV5Queue(got));
                paho.connect(new MqttConnectionOptions());
                paho.subscribe("mosq/props", 1);
                pub(broker, "mqttv5", "-t", "mosq/props", "-q", "1", "-m", "with props",
                        "-D", "publish", "user-property", "k", "v");
                MqttMessage message = got.poll(5, TimeUnit.SECONDS);
                assertThat(message).isNotNull();
                assertThat(new String(message.getPayload(), StandardCharsets.UTF_8)).isEqualTo("with props");
                assertThat(message.getProperties().getUserProperties())
                        .extracting(p -> p.getKey() + "=" + p.getValue()).containsExactly("k=v");
                paho.disconnect();
            } finally {
                if (paho.isConnected()) {
                    paho.disconnectForcibly(1_000);
                }
                paho.close(true);
            }
        }
    }

    // ---- mosquitto_pub / mosquitto_sub ------------------------------------------------------------

    private static void pub(TestBroker broker, String version, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(broker.port()),
                "-V", version));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("mosquitto_pub did not finish within 10 s: " + command);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("mosquitto_pub exit code, output: %s", output).isZero();
    }

    /**
     * {@code mosquitto_sub -C count -W 10 -d -F "%r|%q|%t|%p"}: prints retain flag, QoS, topic and
     * payload for each message; {@code -d} tells us when the SUBACK arrived, so the test publishes
     * only once the subscription exists.
     */
    private static final class Sub implements AutoCloseable {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final int count;
        private final Thread reader;

        private Sub(Process process, int count) {
            this.process = process;
            this.count = count;
            this.reader = Thread.ofPlatform().daemon().name("mosquitto_sub-out").start(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        static Sub start(TestBroker broker, String version, String topic, int qos, int count) throws Exception {
            // stdbuf -oL: line-buffered stdout, or the -d lines would sit in stdio's pipe buffer.
            Process process = new ProcessBuilder("stdbuf", "-oL", "mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(broker.port()),
                    "-V", version, "-t", topic, "-q", Integer.toString(qos), "-C", Integer.toString(count), "-W", "10",
                    "-d", "-F", "%r|%q|%t|%p")
                    .redirectErrorStream(true).start();
            Sub sub = new Sub(process, count);
            sub.awaitLine("received SUBACK");
            return sub;
        }

        private void awaitLine(String fragment) throws InterruptedException {
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null) {
                    seen.add(line);
                    if (line.contains(fragment)) {
                        return;
                    }
                }
            }
            throw new AssertionError("mosquitto_sub printed no '" + fragment + "' within 10 s: " + seen);
        }

        /** The formatted messages, once mosquitto_sub has received {@code count} and exited. */
        List<String> messages() throws Exception {
            assertThat(process.waitFor(12, TimeUnit.SECONDS)).as("mosquitto_sub exits after -C %d", count).isTrue();
            reader.join(5_000); // the output is complete once the reader reached end of stream
            List<String> messages = new ArrayList<>();
            String line;
            while ((line = lines.poll()) != null) {
                // -d lines: "Client <id> sending/received ...", "Subscribed (mid: 1): 1"
                if (!line.startsWith("Client ") && !line.startsWith("Subscribed ")) {
                    messages.add(line);
                }
            }
            assertThat(process.exitValue()).as("mosquitto_sub exit code (27 = -W timeout); output %s", messages).isZero();
            return messages;
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    private static boolean onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, executable))) {
                return true;
            }
        }
        return false;
    }

    /** Paho v5 callback that queues every message. */
    private record PahoV5Queue(BlockingQueue<MqttMessage> queue) implements Paho5Callback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            queue.add(message);
        }
    }
}
