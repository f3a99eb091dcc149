package io.bastionmq.it.survival;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The memory of a broker process as the operating system and its JVM see it. */
final class BrokerMemory {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private BrokerMemory() {}

    /** Resident set size from {@code /proc/<pid>/status} (VmRSS), in KiB. */
    static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS in /proc/" + pid + "/status");
    }

    /**
     * Heap in use after a full collection: {@code jcmd <pid> GC.run}, then the "used" figures of the
     * heap lines of {@code GC.heap_info} (one for G1, one per generation for Serial and Parallel), in KiB.
     */
    static long heapUsedAfterGcKiB(long pid) {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        long used = 0;
        boolean found = false;
        for (String line : info.lines().toList()) {
            String l = line.toLowerCase();
            if ((l.contains("heap") || l.contains("generation")) && !l.contains("metaspace")
                    && !l.contains("class space")) {
                Matcher m = USED.matcher(line);
                if (m.find()) {
                    used += Long.parseLong(m.group(1));
                    found = true;
                }
            }
        }
        if (!found) {
            throw new IllegalStateException("cannot read the heap figure from:\n" + info);
        }
        return used;
    }

    /** Runs {@code jcmd} of the JDK running the tests, bounded to 30 s. */
    static String jcmd(long pid, String command) {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        Path jcmd = java.resolveSibling("jcmd");
        try {
            Process p = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
                    .redirectErrorStream(true).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("jcmd " + command + " did not finish within 30 s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + command + " exited " + p.exitValue() + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String mib(long kib) {
        return String.format("%.1f MiB", kib / 1024.0);
    }

    /** Samples the RSS every 100 ms on a daemon thread until closed; {@link #peakKiB} is the largest sample. */
    static final class PeakRss implements AutoCloseable {
        private final long pid;
        private final Thread thread;
        private volatile long peak;
        private volatile boolean running = true;

        PeakRss(long pid) {
            this.pid = pid;
            this.peak = rssKiB(pid);
            this.thread = Thread.ofPlatform().daemon().name("rss-sampler").start(this::run);
        }

        private void run() {
            while (running) {
                try {
                    peak = Math.max(peak, rssKiB(pid));
                    Thread.sleep(100); // sampling period, not synchronisation
                } catch (InterruptedException | RuntimeException e) {
                    return;
                }
            }
        }

        long peakKiB() {
            return peak;
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
