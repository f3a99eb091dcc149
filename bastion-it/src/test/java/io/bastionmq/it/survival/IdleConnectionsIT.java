package io.bastionmq.it.survival;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.testkit.Packets;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * The memory figure: 10,000 idle MQTT 3.1.1 connections (keep alive 0) from 250 loopback source
 * addresses, 40 each (inside the default per-address limits), against a broker process with the
 * product's default limits. Heap after a full GC and RSS are read before and after; the cost per
 * connection must stay under 64 KiB of each. If the file-descriptor limit of this JVM or of the
 * broker cannot hold 10,000, the broker's is raised with {@code prlimit} when possible, otherwise the
 * test uses as many as the limits allow and says so.
 */
@Timeout(90)
class IdleConnectionsIT {
    static final int WANTED = 10_000;
    static final int PER_ADDRESS = 40;
    static final int THREADS = 8;
    static final long BOUND_KIB_PER_CONNECTION = 64;
    static final int FD_RESERVE = 1_000;

    @TempDir
    Path dir;

    @Test
    void tenThousandIdleConnectionsCostLittleMemory() throws Exception {
        try (SurvivalBroker.Started broker = SurvivalBroker.start(dir, "")) {
            long brokerFds = openFilesLimit(broker.pid());
            if (brokerFds < WANTED + FD_RESERVE) {
                brokerFds = raiseWithPrlimit(broker.pid());
            }
            int count = (int) Math.min(WANTED, Math.min(brokerFds, openFilesLimit(ProcessHandle.current().pid()))
                    - FD_RESERVE);
            assertThat(count).as("connections the file-descriptor limits allow").isPositive();

            long heapBefore = BrokerMemory.heapUsedAfterGcKiB(broker.pid());
            long rssBefore = BrokerMemory.rssKiB(broker.pid());

            ConcurrentLinkedQueue<Socket> sockets = new ConcurrentLinkedQueue<>();
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            AtomicInteger next = new AtomicInteger();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> workers = IntStream.range(0, THREADS).<Future<?>>mapToObj(t -> pool.submit(() -> {
                    int i;
                    while (System.nanoTime() < deadline && (i = next.getAndIncrement()) < count) {
                        try {
                            Socket s = Sockets.open(Sockets.source(i / PER_ADDRESS), broker.port(), 5_000);
                            sockets.add(s);
                            s.setSoTimeout(10_000);
                            s.getOutputStream().write(Packets.connect311("idle-" + i, true, 0));
                            Sockets.Packet connack = Sockets.await(s.getInputStream(), 2);
                            if (connack.body()[1] != 0) {
                                refused.incrementAndGet();
                            }
                        } catch (IOException | RuntimeException e) {
                            failed.incrementAndGet();
                        }
                    }
                })).toList();
                for (Future<?> w : workers) {
                    w.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            long openMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            int connected = sockets.size() - refused.get() - failed.get();

            long heapAfter = BrokerMemory.heapUsedAfterGcKiB(broker.pid());
            long rssAfter = BrokerMemory.rssKiB(broker.pid());
            double heapPer = (heapAfter - heapBefore) / (double) connected;
            double rssPer = (rssAfter - rssBefore) / (double) connected;

            long closeStart = System.nanoTime();
            sockets.parallelStream().forEach(Sockets::closeQuietly);
            long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closeStart);

            System.out.printf("SURVIVAL idle connections: %d of %d wanted%s connected in %d ms from %d source "
                    + "addresses (%d refused, %d failed); closed in %d ms%n", connected, WANTED,
                    count < WANTED ? " (file-descriptor limit " + brokerFds + ")" : "", openMillis,
                    (count + PER_ADDRESS - 1) / PER_ADDRESS, refused.get(), failed.get(), closeMillis);
            System.out.printf("SURVIVAL idle connections: broker heap after GC %s -> %s (%.1f KiB per connection); "
                    + "RSS %s -> %s (%.1f KiB per connection)%n", BrokerMemory.mib(heapBefore),
                    BrokerMemory.mib(heapAfter), heapPer, BrokerMemory.mib(rssBefore), BrokerMemory.mib(rssAfter), rssPer);

            assertThat(connected).as("connections accepted").isEqualTo(count);
            assertThat(heapPer).as("heap KiB per idle connection").isLessThan(BOUND_KIB_PER_CONNECTION);
            assertThat(rssPer).as("RSS KiB per idle connection").isLessThan(BOUND_KIB_PER_CONNECTION);
            assertThat(broker.process().isAlive()).isTrue();
        }
    }

    /** The soft "Max open files" of a process, from {@code /proc/<pid>/limits}. */
    static long openFilesLimit(long pid) throws IOException {
        return openFiles(pid)[0];
    }

    /** Soft and hard "Max open files" of a process. */
    static long[] openFiles(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/limits"))) {
            if (line.startsWith("Max open files")) {
                String[] v = line.substring("Max open files".length()).trim().split("\\s+");
                return new long[] {parseLimit(v[0]), parseLimit(v[1])};
            }
        }
        throw new IllegalStateException("no open-files limit in /proc/" + pid + "/limits");
    }

    private static long parseLimit(String v) {
        return v.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(v);
    }

    /** Raises the broker's soft limit to its hard limit with util-linux prlimit, if present; returns the new soft limit. */
    static long raiseWithPrlimit(long pid) throws IOException, InterruptedException {
        Path prlimit = Path.of("/usr/bin/prlimit");
        if (Files.isExecutable(prlimit)) {
            long hard = openFiles(pid)[1];
            String value = hard == Long.MAX_VALUE ? "unlimited" : Long.toString(hard);
            Process p = new ProcessBuilder(prlimit.toString(), "--pid", Long.toString(pid), "--nofile=" + value + ":" + value)
                    .redirectErrorStream(true).start();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        return openFilesLimit(pid);
    }
}
