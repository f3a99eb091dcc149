package io.bastionmq.it.survival;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.testkit.Packets;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connection flood against a broker process with the product's default limits: thousands of TCP
 * connections from 50 source addresses as fast as possible for 5 s, one in four sending a CONNECT,
 * the others half-open. Every CONNECT is answered (accepted, or refused with 0x03 server unavailable,
 * the 3.1.1 code of the connection limits) or the connection closed; every half-open connection is
 * closed by the CONNECT timeout; the reference client keeps its round trips within the bound.
 */
@Timeout(60)
class ConnectionFloodIT {
    static final double CONNECTION_FLOOD_P99_BOUND_MILLIS = 1_500;
    static final int ATTEMPTS = 8_000;
    static final int ADDRESSES = 50;
    static final int THREADS = 2;
    static final Duration FLOOD = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void halfOpenAndConnectingFloodIsAnsweredAndClosedWhileTheReferenceClientIsServed() throws Exception {
        try (SurvivalBroker.Started broker = SurvivalBroker.start(dir, "");
                ReferenceClient reference = ReferenceClient.connect(broker.port())) {
            reference.measure(Duration.ofSeconds(1), PublishFloodIT.REFERENCE_RATE, Duration.ofSeconds(5)); // warm-up
            ReferenceClient.Stats quiet = reference.measure(Duration.ofSeconds(3), PublishFloodIT.REFERENCE_RATE,
                    Duration.ofSeconds(5));
            long rssBefore = BrokerMemory.rssKiB(broker.pid());

            ConcurrentLinkedQueue<Socket> connecting = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Socket> halfOpen = new ConcurrentLinkedQueue<>();
            AtomicInteger next = new AtomicInteger();
            AtomicInteger tcpFailures = new AtomicInteger();
            long floodEnd = System.nanoTime() + FLOOD.toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            ReferenceClient.Stats flood;
            long peak;
            try (BrokerMemory.PeakRss sampler = new BrokerMemory.PeakRss(broker.pid())) {
                List<Future<?>> workers = IntStream.range(0, THREADS).<Future<?>>mapToObj(t -> pool.submit(() -> {
                    int i;
                    while (System.nanoTime() < floodEnd && (i = next.getAndIncrement()) < ATTEMPTS) {
                        try {
                            Socket s = Sockets.open(Sockets.source(i % ADDRESSES), broker.port(), 1_000);
                            if (i % 4 == 0) {
                                s.getOutputStream().write(Packets.connect311("conn-flood-" + i, true, 60));
                                connecting.add(s);
                            } else {
                                halfOpen.add(s);
                            }
                        } catch (IOException e) {
                            tcpFailures.incrementAndGet();
                        }
                    }
                })).toList();
                flood = reference.measure(FLOOD, PublishFloodIT.REFERENCE_RATE, Duration.ofSeconds(10));
                for (Future<?> w : workers) {
                    w.get(10, TimeUnit.SECONDS);
                }
                peak = sampler.peakKiB();
            } finally {
                pool.shutdownNow();
            }
            long floodSeconds = FLOOD.toSeconds();

            // Every CONNECT answered or closed, every half-open socket closed: by the CONNECT timeout plus a margin.
            long deadline = System.nanoTime()
                    + Duration.ofSeconds(SurvivalBroker.CONNECT_TIMEOUT_SECONDS + 3).toNanos();
            Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
            for (Socket s : connecting) {
                outcomes.computeIfAbsent("CONNECT " + connectOutcome(s, deadline), k -> new AtomicInteger())
                        .incrementAndGet();
            }
            for (Socket s : halfOpen) {
                outcomes.computeIfAbsent("half-open " + halfOpenOutcome(s, deadline), k -> new AtomicInteger())
                        .incrementAndGet();
            }
            connecting.forEach(Sockets::closeQuietly);
            halfOpen.forEach(Sockets::closeQuietly);
            long rssAfter = BrokerMemory.rssKiB(broker.pid());

            int attempts = connecting.size() + halfOpen.size() + tcpFailures.get();
            System.out.printf("SURVIVAL connection flood: %d attempts in %d s from %d addresses (%d with CONNECT, "
                    + "%d half-open, %d TCP connects failed)%n", attempts, floodSeconds, ADDRESSES, connecting.size(),
                    halfOpen.size(), tcpFailures.get());
            System.out.println("SURVIVAL connection flood: outcomes " + new java.util.TreeMap<>(outcomes));
            System.out.println("SURVIVAL connection flood: reference quiet " + quiet);
            System.out.println("SURVIVAL connection flood: reference flood " + flood);
            System.out.printf("SURVIVAL connection flood: broker RSS before %s, peak %s, after %s%n",
                    BrokerMemory.mib(rssBefore), BrokerMemory.mib(peak), BrokerMemory.mib(rssAfter));

            assertThat(outcomes.keySet()).as("outcomes").allMatch(k -> k.equals("CONNECT accepted")
                    || k.equals("CONNECT refused 0x03") || k.equals("CONNECT closed") || k.equals("half-open closed"));
            assertThat(flood.lost()).as("reference messages lost during the flood").isZero();
            // Accepting thousands of sockets costs CPU on the same two cores the attacking threads and
            // the reference client run on, so this bound is wider than the publish flood's: it is
            // there to catch starvation (a reference client stuck for seconds behind the flood), and
            // measured 115-166 ms on a quiet machine, 592 ms with a benchmark running beside it.
            assertThat(flood.p99Millis()).as("reference p99 during the flood (ms)")
                    .isLessThan(CONNECTION_FLOOD_P99_BOUND_MILLIS);
            assertThat(peak).as("broker peak RSS (KiB)").isLessThan(PublishFloodIT.RSS_BOUND_KIB);
            assertThat(broker.process().isAlive()).isTrue();
        }
    }

    /** "accepted", "refused 0x.." (then the broker must close), "closed", or "no answer". */
    private static String connectOutcome(Socket s, long deadline) {
        try {
            s.setSoTimeout(remainingMillis(deadline));
            InputStream in = s.getInputStream();
            Sockets.Packet p = Sockets.read(in);
            if (p.type() != 2) {
                return "unexpected packet type " + p.type();
            }
            int code = p.body()[1];
            if (code == 0) {
                return "accepted";
            }
            return String.format("refused 0x%02x", code) + (in.read() < 0 ? "" : " and not closed");
        } catch (SocketTimeoutException e) {
            return "no answer";
        } catch (IOException e) {
            return "closed";
        }
    }

    private static String halfOpenOutcome(Socket s, long deadline) {
        try {
            s.setSoTimeout(remainingMillis(deadline));
            int b = s.getInputStream().read();
            return b < 0 ? "closed" : "sent a byte";
        } catch (SocketTimeoutException e) {
            return "still open";
        } catch (IOException e) {
            return "closed";
        }
    }

    private static int remainingMillis(long deadline) {
        return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }
}
