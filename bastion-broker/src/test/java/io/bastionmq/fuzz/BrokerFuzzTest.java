package io.bastionmq.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.bastionmq.Broker;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Packet;
import io.bastionmq.codec.packet.Payload;
import io.bastionmq.codec.packet.Publish;
import io.bastionmq.codec.packet.SubAck;
import io.bastionmq.codec.reason.SubAckReason;
import io.bastionmq.config.BrokerConfig;
import io.bastionmq.config.LimitsConfig;
import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;

/**
 * THREATS.md C20 at the connection level: after a valid CONNECT, any sequence of bytes leaves the
 * broker healthy. Per input, a fresh client connects, sends the bytes, closes its sending half and
 * reads what the broker answers until the broker closes or {@link #PER_INPUT} runs out; every
 * reply must be a well-formed packet. Then another fresh client must still connect, subscribe and
 * receive its own publish, and the broker must have logged no warning, leaked no buffer and lost
 * no thread ({@link BrokerWatch}).
 *
 * <p>Input layout: bit 0 of byte 0 picks the level of the CONNECT (0: 3.1.1, 1: MQTT 5); the
 * remaining bytes go on the wire as they are. The seeds under {@code BrokerFuzzTestInputs/} are
 * valid sessions (subscribe, QoS 0/1/2 publishes, PUBREL, topic aliases, retained messages,
 * shared subscriptions) for the fuzzer to mutate.
 *
 * <p>One in-memory broker serves the whole run; it starts on the first input rather than in
 * {@code @BeforeAll} so that, when fuzzing, its classes load after Jazzer's agent and carry
 * coverage instrumentation.
 */
class BrokerFuzzTest {
    private static final Duration PER_INPUT = Duration.ofMillis(200);
    private static final AtomicInteger inputs = new AtomicInteger();

    private static Broker broker;
    private static BrokerWatch watch;
    private static ResourceLeakDetector.Level previousLeakLevel;

    @SuppressWarnings("try") // the resource's scope is the point: loopback to our broker is allowed only inside it
    @FuzzTest(maxDuration = "30s")
    void survivesAnyPacketsAfterConnect(byte[] input) throws IOException {
        int port = broker().port("dev");
        try (SilentCloseable loopbackOnly = BugDetectors.allowNetworkConnections((host, p) -> p == port)) {
            int n = inputs.incrementAndGet();
            MqttVersion version = input.length > 0 && (input[0] & 1) == 1 ? MqttVersion.V5 : MqttVersion.V3_1_1;
            byte[] packets = input.length > 1 ? Arrays.copyOfRange(input, 1, input.length) : new byte[0];
            try (ProbeClient client = ProbeClient.connect(port, version, "fuzz-" + n)) {
                client.sendAllAndDrain(packets, PER_INPUT);
            }
            watch.assertQuiet();
            assertStillServes(port, n);
            watch.assertQuiet();
        }
    }

    /** A fresh client connects, subscribes and receives its own message. */
    private static void assertStillServes(int port, int n) throws IOException {
        MqttVersion version = MqttVersion.V3_1_1;
        String topic = "fuzz/health/" + n;
        try (ProbeClient probe = ProbeClient.connect(port, version, "health-" + n)) {
            probe.send(ProbeClient.subscribe(version, topic));
            Packet subAck = probe.nextPacket();
            assertThat(subAck).as("reply to SUBSCRIBE %s", topic).isInstanceOf(SubAck.class);
            assertThat(((SubAck) subAck).reasons()).containsExactly(SubAckReason.GRANTED_QOS_0);
            probe.send(ProbeClient.publish(version, topic, "alive"));
            Packet delivered = probe.nextPacket();
            assertThat(delivered).as("delivery on %s", topic).isInstanceOf(Publish.class);
            assertThat(((Publish) delivered).topic()).isEqualTo(topic);
            assertThat(((Publish) delivered).payload()).isEqualTo(Payload.utf8("alive"));
        }
    }

    private static synchronized Broker broker() {
        if (broker == null) {
            // Every buffer is tracked, so a leak on any error path is logged, and BrokerWatch hears it.
            previousLeakLevel = ResourceLeakDetector.getLevel();
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
            watch = BrokerWatch.install();
            broker = Broker.start(BrokerConfig.dev(0).withLimits(LimitsConfig.PERMISSIVE)); // thousands of loopback connects
        }
        return broker;
    }

    @AfterAll
    static synchronized void stopBroker() {
        if (broker == null) {
            return;
        }
        broker.close();
        broker = null;
        try {
            watch.assertQuiet();
        } finally {
            watch.uninstall();
            ResourceLeakDetector.setLevel(previousLeakLevel);
        }
    }
}
