package io.bastionmq.it.survival;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.testkit.Packets;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publish flood against a broker process with the product's default limits: while flooders on
 * several source addresses publish QoS 0 and QoS 1 as fast as TCP allows, the reference client's
 * QoS 1 round trips stay within the latency bound, none is lost, and the broker's memory stays bounded.
 */
@Timeout(60)
class PublishFloodIT {
    static final int FLOODERS = 8;
    static final int REFERENCE_RATE = 50;
    static final double P99_BOUND_MILLIS = 250;
    static final long RSS_BOUND_KIB = 768 * 1024;

    @TempDir
    Path dir;

    @Test
    void referenceClientKeepsItsLatencyWhileFloodersPublishAtFullSpeed() throws IOException {
        try (SurvivalBroker.Started broker = SurvivalBroker.start(dir, "");
                ReferenceClient reference = ReferenceClient.connect(broker.port());
                Socket drain = drainingSubscriber(broker.port())) {
            reference.measure(Duration.ofSeconds(1), REFERENCE_RATE, Duration.ofSeconds(5)); // warm-up
            ReferenceClient.Stats quiet = reference.measure(Duration.ofSeconds(5), REFERENCE_RATE, Duration.ofSeconds(5));
            long rssBefore = BrokerMemory.rssKiB(broker.pid());

            List<Flooder> flooders = new ArrayList<>();
            ReferenceClient.Stats flood;
            long peak;
            try (BrokerMemory.PeakRss sampler = new BrokerMemory.PeakRss(broker.pid())) {
                try {
                    for (int i = 0; i < FLOODERS; i++) {
                        flooders.add(Flooder.start(Sockets.source(i), broker.port(), "flooder-" + i,
                                "flood/" + i, 64, 50_000_000L));
                    }
                    flood = reference.measure(Duration.ofSeconds(8), REFERENCE_RATE, Duration.ofSeconds(10));
                } finally {
                    flooders.forEach(Flooder::close);
                }
                peak = sampler.peakKiB();
            }
            long rssAfter = BrokerMemory.rssKiB(broker.pid());
            long floodSent = flooders.stream().mapToLong(Flooder::sent).sum();

            System.out.printf("SURVIVAL publish flood: %d flooders (QoS 0 + QoS 1, 64-byte payloads, default limits) "
                    + "wrote %d publishes in 8 s (%.0f/s)%n", FLOODERS, floodSent, floodSent / 8.0);
            flooders.forEach(f -> System.out.println("SURVIVAL   flooder ended: " + f.endedBy() + ", sent " + f.sent()));
            System.out.println("SURVIVAL publish flood: reference quiet  " + quiet);
            System.out.println("SURVIVAL publish flood: reference flood  " + flood);
            System.out.printf("SURVIVAL publish flood: broker RSS before %s, peak %s, after %s%n",
                    BrokerMemory.mib(rssBefore), BrokerMemory.mib(peak), BrokerMemory.mib(rssAfter));

            broker.process().log().lines().filter(l -> l.contains("flooder") && !l.contains("publish_rate"))
                    .limit(20).forEach(l -> System.out.println("SURVIVAL   broker log: " + l));

            assertThat(quiet.lost()).as("reference messages lost, quiet").isZero();
            assertThat(flood.lost()).as("reference messages lost during the flood").isZero();
            assertThat(flood.p99Millis()).as("reference p99 during the flood (ms)").isLessThan(P99_BOUND_MILLIS);
            assertThat(peak).as("broker peak RSS (KiB)").isLessThan(RSS_BOUND_KIB);
            assertThat(broker.process().isAlive()).isTrue();
        }
    }

    /** A subscriber to everything the flooders publish (granted QoS 0), reading as fast as it can. */
    static Socket drainingSubscriber(int port) throws IOException {
        Socket s = Sockets.open(Sockets.source(1000), port, 5_000);
        s.setSoTimeout(10_000);
        s.getOutputStream().write(Packets.connect311("flood-drain", true, 60));
        Sockets.await(s.getInputStream(), 2);
        s.getOutputStream().write(Packets.subscribe311(1, "flood/#", 0));
        Sockets.await(s.getInputStream(), 9);
        s.setSoTimeout(0);
        InputStream in = s.getInputStream();
        Thread.ofPlatform().daemon().name("flood-drain").start(() -> {
            byte[] buffer = new byte[65536];
            try {
                while (in.read(buffer) >= 0) {
                    // discard
                }
            } catch (IOException ignored) {
                // closed at the end of the test
            }
        });
        return s;
    }
}
