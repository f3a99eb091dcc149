package io.bastionmq.it.limits;

import static io.bastionmq.testkit.Packets.connect5;
import static io.bastionmq.testkit.Packets.publish311;
import static io.bastionmq.testkit.Packets.publish5;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.bastionmq.config.LimitsConfig.RateLimitAction;
import io.bastionmq.it.support.TestBroker;
import io.bastionmq.testkit.RawClient;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * THREATS.md C15: a flooding publisher is slowed to its rate by backpressure while a well-behaved
 * client on the same broker keeps its latency; with the disconnect action it is cut with 0x96.
 */
class PublishRateIT {
    private static final int RATE = 200;
    private static final byte[] NONE = new byte[0];

    @Test
    void floodingClientIsSlowedToItsRateWhileAWellBehavedClientStaysPrompt() throws Exception {
        try (TestBroker broker = TestBroker.builder()
                .limits(new LimitsBuilder().publishRate(RATE, 1L << 30, 1, RateLimitAction.BACKPRESSURE).build()).start()) {
            AtomicLong floodReceived = new AtomicLong();
            var subscriber = new org.eclipse.paho.client.mqttv3.MqttClient(broker.tcpUri(), "observer", new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            o.setMaxInflight(1000);
            subscriber.connect(o);
            subscriber.subscribe("flood/#", 0, (t, m) -> floodReceived.incrementAndGet());

            Mqtt5BlockingClient calm = MqttClient.builder().useMqttVersion5().identifier("calm")
                    .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
            calm.connect();
            List<Long> quiet = roundTrips(calm, 20);

            RawClient flooder = RawClient.connect("127.0.0.1", broker.port());
            flooder.send(connect5("flooder")).expectConnAck(0x00);
            byte[] chunk = floodChunk(100);
            Thread flood = Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        flooder.send(chunk); // blocks once the broker stops reading: that is the backpressure
                    }
                } catch (RuntimeException closed) {
                    // the test closed the socket
                }
            });
            Thread.sleep(1000); // the burst (RATE × 1 s) is spent within this second
            long start = System.nanoTime();
            long receivedAtStart = floodReceived.get();
            List<Long> loaded = roundTrips(calm, 40);
            Thread.sleep(Math.max(0, 3000 - (System.nanoTime() - start) / 1_000_000));
            double seconds = (System.nanoTime() - start) / 1e9;
            double floodRate = (floodReceived.get() - receivedAtStart) / seconds;

            flooder.close();
            flood.interrupt();
            flood.join(5000);
            calm.disconnect();
            subscriber.disconnect();
            subscriber.close();

            long quietP50 = percentile(quiet, 50);
            long loadedP50 = percentile(loaded, 50);
            long loadedMax = percentile(loaded, 100);
            System.out.printf("publish_rate %d/s: flooder delivered %.0f msg/s; calm QoS 1 round trip quiet p50 %.2f ms,"
                    + " during flood p50 %.2f ms, max %.2f ms; throttled %d times%n", RATE, floodRate, quietP50 / 1e6,
                    loadedP50 / 1e6, loadedMax / 1e6, broker.broker().metrics().publishThrottled.sum());
            assertThat(floodRate).as("flood delivered per second").isLessThan(RATE * 1.5);
            assertThat(broker.broker().metrics().publishThrottled.sum()).isPositive();
            // Generous for a loaded 2-core CI machine: the point is milliseconds, not the seconds a backlog would cost.
            assertThat(loadedP50).as("calm client's median round trip during the flood, ns").isLessThan(100_000_000L);
            assertThat(loadedMax).as("calm client's worst round trip during the flood, ns").isLessThan(1_000_000_000L);
        }
    }

    @Test
    void disconnectActionCutsTheFlooderWithMessageRateTooHigh() {
        try (TestBroker broker = TestBroker.builder()
                .limits(new LimitsBuilder().publishRate(10, 1L << 30, 1, RateLimitAction.DISCONNECT).build()).start();
             RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
            c.send(connect5("too-fast")).expectConnAck(0x00);
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int i = 0; i < 50; i++) {
                burst.writeBytes(publish5("fast/t", 0, false, 0, NONE, new byte[10]));
            }
            c.send(burst.toByteArray());
            c.expectDisconnect(0x96); // MQTT5 3.14.2.1: message rate too high
            assertThat(broker.broker().metrics().publishRateDisconnects.sum()).isEqualTo(1);
        }
    }

    /** QoS 1 publish round trips (PUBLISH → PUBACK) in nanoseconds. */
    private static List<Long> roundTrips(Mqtt5BlockingClient client, int n) throws InterruptedException {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            client.publishWith().topic("calm/t").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[16]).send();
            times.add(System.nanoTime() - t0);
            Thread.sleep(20);
        }
        return times;
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index));
    }

    private static byte[] floodChunk(int messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < messages; i++) {
            out.writeBytes(publish311("flood/t", 0, false, 0, new byte[100]));
        }
        return out.toByteArray();
    }
}
