package io.bastionmq.it.survival;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.testkit.Packets;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow clients: slowloris connections (a CONNECT one byte every 500 ms, or nothing at all) are
 * closed by the CONNECT timeout; a subscriber that never reads its socket while publishers send
 * QoS 0 and QoS 1 at full speed leaves the broker's memory bounded and the reference client served.
 */
@Timeout(60)
class SlowClientsIT {
    static final int SLOWLORIS = 20;
    static final int SILENT = 20;

    @TempDir
    Path dir;

    @Test
    void slowlorisConnectionsAreClosedByTheConnectTimeout() throws Exception {
        try (SurvivalBroker.Started broker = SurvivalBroker.start(dir, "")) {
            List<CompletableFuture<Long>> closes = new ArrayList<>();
            for (int i = 0; i < SLOWLORIS + SILENT; i++) {
                boolean slow = i < SLOWLORIS;
                Socket s = Sockets.open(Sockets.source(i), broker.port(), 5_000);
                long opened = System.nanoTime();
                CompletableFuture<Long> closed = new CompletableFuture<>();
                closes.add(closed);
                Thread.ofVirtual().start(() -> {
                    try (s; InputStream in = s.getInputStream()) {
                        s.setSoTimeout(15_000);
                        while (in.read() >= 0) {
                            // A slowloris is never answered; anything sent is ignored until the close.
                        }
                    } catch (IOException e) {
                        // A reset is a close too.
                    }
                    closed.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened));
                });
                if (slow) {
                    byte[] connect = Packets.connect311("slowloris-" + i, true, 60);
                    Thread.ofVirtual().start(() -> {
                        try {
                            OutputStream out = s.getOutputStream();
                            for (int b = 0; b < connect.length && !closed.isDone(); b++) {
                                out.write(connect[b]);
                                Thread.sleep(500); // the attack's pace: one byte every 500 ms
                            }
                        } catch (IOException | InterruptedException e) {
                            // Closed by the broker: the writer stops.
                        }
                    });
                }
            }
            List<Long> millis = new ArrayList<>();
            for (CompletableFuture<Long> c : closes) {
                millis.add(c.get(20, TimeUnit.SECONDS));
            }
            List<Long> slow = millis.subList(0, SLOWLORIS).stream().sorted().toList();
            List<Long> silent = millis.subList(SLOWLORIS, millis.size()).stream().sorted().toList();
            System.out.printf("SURVIVAL slowloris: connect_timeout %d s; %d one-byte-per-500-ms CONNECTs closed after "
                    + "min %d / median %d / max %d ms; %d silent sockets closed after min %d / median %d / max %d ms%n",
                    SurvivalBroker.CONNECT_TIMEOUT_SECONDS, SLOWLORIS, slow.getFirst(), slow.get(slow.size() / 2),
                    slow.getLast(), SILENT, silent.getFirst(), silent.get(silent.size() / 2), silent.getLast());

            long timeoutMillis = SurvivalBroker.CONNECT_TIMEOUT_SECONDS * 1000L;
            assertThat(millis).as("close times (ms)")
                    .allMatch(m -> m >= timeoutMillis - 250 && m <= timeoutMillis + 1_500);
            assertThat(broker.process().isAlive()).isTrue();
        }
    }

    @Test
    void subscriberThatNeverReadsKeepsTheBrokersMemoryBounded() throws Exception {
        try (SurvivalBroker.Started broker = SurvivalBroker.start(dir, "");
                ReferenceClient reference = ReferenceClient.connect(broker.port())) {
            reference.measure(Duration.ofSeconds(1), PublishFloodIT.REFERENCE_RATE, Duration.ofSeconds(5)); // warm-up
            long heapBefore = BrokerMemory.heapUsedAfterGcKiB(broker.pid());
            long rssBefore = BrokerMemory.rssKiB(broker.pid());

            Socket stuck = new Socket();
            stuck.setReceiveBufferSize(4096);
            stuck.bind(new java.net.InetSocketAddress(Sockets.source(100), 0));
            stuck.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), broker.port()), 5_000);
            stuck.setSoTimeout(10_000);
            stuck.getOutputStream().write(Packets.connect311("never-reads", true, 0));
            Sockets.await(stuck.getInputStream(), 2);
            stuck.getOutputStream().write(Packets.subscribe311(1, "slow/#", 1));
            Sockets.await(stuck.getInputStream(), 9);
            // From here on the subscriber never reads.

            List<Flooder> publishers = new ArrayList<>();
            ReferenceClient.Stats during;
            long peak;
            long heapDuring;
            try (BrokerMemory.PeakRss sampler = new BrokerMemory.PeakRss(broker.pid())) {
                try {
                    for (int i = 0; i < 4; i++) {
                        publishers.add(Flooder.start(Sockets.source(i), broker.port(), "slow-pub-" + i, "slow/" + i,
                                1024, 50_000_000L));
                    }
                    during = reference.measure(Duration.ofSeconds(5), PublishFloodIT.REFERENCE_RATE,
                            Duration.ofSeconds(10));
                    heapDuring = BrokerMemory.heapUsedAfterGcKiB(broker.pid());
                } finally {
                    publishers.forEach(Flooder::close);
                }
                peak = sampler.peakKiB();
            }
            long rssAfter = BrokerMemory.rssKiB(broker.pid());
            long written = publishers.stream().mapToLong(Flooder::sent).sum();
            boolean stuckStillOpen = !stuck.isClosed();
            stuck.close();

            System.out.printf("SURVIVAL slow consumer: 4 publishers wrote %d QoS 0 + QoS 1 publishes of 1 KiB in 5 s "
                    + "towards a subscriber that never reads (socket receive buffer 4 KiB)%n", written);
            System.out.println("SURVIVAL slow consumer: reference " + during);
            System.out.printf("SURVIVAL slow consumer: broker heap after GC before %s, during %s; RSS before %s, "
                    + "peak %s, after %s%n", BrokerMemory.mib(heapBefore), BrokerMemory.mib(heapDuring),
                    BrokerMemory.mib(rssBefore), BrokerMemory.mib(peak), BrokerMemory.mib(rssAfter));

            assertThat(stuckStillOpen).isTrue();
            assertThat(during.lost()).as("reference messages lost").isZero();
            assertThat(during.p99Millis()).as("reference p99 (ms)").isLessThan(PublishFloodIT.P99_BOUND_MILLIS);
            assertThat(heapDuring - heapBefore).as("heap growth after GC (KiB)").isLessThan(64 * 1024);
            assertThat(peak - rssBefore).as("RSS growth (KiB)").isLessThan(256 * 1024);
            assertThat(broker.process().isAlive()).isTrue();
        }
    }
}
