package io.bastionmq.it.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.it.support.TestBroker;
import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.Packets;
import io.bastionmq.testkit.RawClient;
import io.bastionmq.testkit.RawPacket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Broker statistics under {@code $SYS/broker/}, published every second here: the shortest
 * interval the configuration allows (sys.interval, 1s..1h). MQTT 4.7.2.
 */
class SysTopicsIT {
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final byte[] NONE = new byte[0];

    @Test
    @DisplayName("$SYS/broker/ publishes version, uptime, clients/connected, messages/received and subscriptions/count")
    void publishesBrokerStatistics() {
        try (TestBroker broker = TestBroker.builder().sysInterval(INTERVAL).start();
                SysWatcher sys = new SysWatcher(broker)) {
            assertThat(sys.await("version", v -> true)).startsWith("BastionMQ");
            assertThat(sys.await("uptime", v -> true)).matches("\\d+ seconds");
            assertThat(sys.await("clients/connected", v -> true)).matches("\\d+");
            assertThat(sys.await("messages/received", v -> true)).matches("\\d+");
            assertThat(sys.await("subscriptions/count", v -> true)).matches("\\d+");
            // Uptime advances with the clock.
            sys.await("uptime", v -> Long.parseLong(v.split(" ")[0]) >= 1);
        }
    }

    @Test
    @DisplayName("$SYS counters follow connections, received messages and subscriptions")
    void statisticsChangeAsClientsConnectPublishAndSubscribe() {
        try (TestBroker broker = TestBroker.builder().sysInterval(INTERVAL).start();
                SysWatcher sys = new SysWatcher(broker)) {
            long connected = Long.parseLong(sys.await("clients/connected", v -> Long.parseLong(v) >= 1));
            long received = Long.parseLong(sys.await("messages/received", v -> true));
            long subscriptions = Long.parseLong(sys.await("subscriptions/count", v -> Long.parseLong(v) >= 1));
            try (RawClient a = RawClient.connect("127.0.0.1", broker.port());
                    RawClient b = RawClient.connect("127.0.0.1", broker.port())) {
                a.send(Packets.connect5("sys-a")).expectConnAck(0x00);
                b.send(Packets.connect5("sys-b")).expectConnAck(0x00);
                sys.await("clients/connected", v -> Long.parseLong(v) == connected + 2);

                a.send(Packets.subscribe5(1, "sys/test/#", 0, NONE)).expect(PacketType.SUBACK);
                sys.await("subscriptions/count", v -> Long.parseLong(v) == subscriptions + 1);

                for (int i = 1; i <= 3; i++) {
                    b.send(Packets.publish5("sys/test/x", 1, false, i, NONE, NONE)).expect(PacketType.PUBACK);
                }
                sys.await("messages/received", v -> Long.parseLong(v) >= received + 3);
            }
            sys.await("clients/connected", v -> Long.parseLong(v) == connected);
        }
    }

    @Test
    @DisplayName("A client cannot publish into $SYS: PUBACK 0x87 and the statistic is unchanged [MQTT-4.7.2]")
    void refusesClientPublishIntoSys() {
        try (TestBroker broker = TestBroker.builder().sysInterval(INTERVAL).start();
                SysWatcher sys = new SysWatcher(broker);
                RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
            client.send(Packets.connect5("sys-forger")).expectConnAck(0x00);
            client.send(Packets.publish5("$SYS/broker/version", 1, true, 1, NONE, "forged".getBytes(StandardCharsets.UTF_8)));
            RawPacket puback = client.expect(PacketType.PUBACK);
            assertThat(puback.reasonCode()).as("Not authorized").isEqualTo(0x87);

            try (RawClient late = RawClient.connect("127.0.0.1", broker.port())) {
                late.send(Packets.connect5("sys-late")).expectConnAck(0x00);
                late.send(Packets.subscribe5(1, "$SYS/broker/version", 0, NONE)).expect(PacketType.SUBACK);
                assertThat(PublishBody.payloadText(late.expect(PacketType.PUBLISH), true)).startsWith("BastionMQ");
            }
            assertThat(sys.seen).as("values seen on $SYS").doesNotContainValue("forged");
        }
    }

    @Test
    @DisplayName("Filters starting with a wildcard do not match $SYS topics [MQTT-4.7.2-1]")
    void wildcardFiltersDoNotReceiveSysTopics() {
        try (TestBroker broker = TestBroker.builder().sysInterval(INTERVAL).start();
                SysWatcher sys = new SysWatcher(broker);
                RawClient all = RawClient.connect("127.0.0.1", broker.port());
                RawClient pub = RawClient.connect("127.0.0.1", broker.port())) {
            all.send(Packets.connect5("sys-hash")).expectConnAck(0x00);
            all.send(Packets.subscribe5(1, "#", 0, NONE)).expect(PacketType.SUBACK);
            all.send(Packets.subscribe5(2, "+/broker/#", 0, NONE)).expect(PacketType.SUBACK);
            // Several $SYS rounds go out while '#' listens: the watcher sees them, '#' must not.
            sys.awaitRounds(sys.rounds + 2);
            all.assertNothingReceived(INTERVAL.plusMillis(200));

            pub.send(Packets.connect5("sys-pub")).expectConnAck(0x00);
            pub.send(Packets.publish5("plain/topic", 0, false, 0, NONE, NONE));
            assertThat(all.expect(PacketType.PUBLISH).topic()).as("'#' still matches other topics").isEqualTo("plain/topic");
        }
    }

    /** A client subscribed to {@code $SYS/broker/#} that keeps the latest value of each statistic. */
    private static final class SysWatcher implements AutoCloseable {
        final Map<String, String> seen = new HashMap<>();
        final RawClient client;
        long rounds;

        SysWatcher(TestBroker broker) {
            client = RawClient.connect("127.0.0.1", broker.port());
            client.send(Packets.connect5("sys-watcher")).expectConnAck(0x00);
            client.send(Packets.subscribe5(1, "$SYS/broker/#", 0, NONE)).expect(PacketType.SUBACK);
        }

        /** Reads $SYS publishes until {@code stat} has a value the predicate accepts; fails after 8 s. */
        String await(String stat, Predicate<String> accept) {
            long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            while (true) {
                String value = seen.get(stat);
                if (value != null && accept.test(value)) {
                    return value;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("$SYS/broker/" + stat + " never acceptable within 8 s; last: " + value);
                }
                readOne();
            }
        }

        /** Waits until the version statistic, one per round, arrived {@code count} times in all. */
        void awaitRounds(long count) {
            while (rounds < count) {
                readOne();
            }
        }

        private void readOne() {
            RawPacket p = client.expect(PacketType.PUBLISH);
            assertThat(p.topic()).startsWith("$SYS/broker/");
            seen.put(p.topic().substring("$SYS/broker/".length()), PublishBody.payloadText(p, true));
            if (p.topic().equals("$SYS/broker/version")) {
                rounds++;
            }
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
