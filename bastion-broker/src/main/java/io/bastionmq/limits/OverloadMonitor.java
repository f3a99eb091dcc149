package io.bastionmq.limits;

import io.bastionmq.config.LimitsConfig;
import io.bastionmq.metrics.Metrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Overload protection (THREATS.md C18), run every {@code check_interval} on the broker's timers.
 * While memory is above the high watermark: new connections are refused with CONNACK 0x89 (by
 * {@link Admission}), QoS 0 is shed to slow subscribers (by the transport's rate stage, which
 * asks {@link #isOverloaded}), and at every tick the heaviest publishers of the last interval,
 * those that sent {@link #HEAVY_SHARE} of the bytes, stop being read. Below the low watermarks
 * everything resumes by itself.
 */
public final class OverloadMonitor implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(OverloadMonitor.class);
    /** The publishers that together sent this share of the last interval's bytes are paused. */
    static final double HEAVY_SHARE = 0.8;

    private final MemoryProbe probe;
    private final OverloadPolicy policy;
    private final Set<LimitedConnection> connections;
    private final Metrics metrics;
    private final Set<LimitedConnection> paused = new HashSet<>();
    private volatile boolean overloaded;

    public OverloadMonitor(LimitsConfig.Overload config, MemoryProbe probe, Set<LimitedConnection> connections, Metrics metrics) {
        this.probe = probe;
        this.policy = new OverloadPolicy(config);
        this.connections = connections;
        this.metrics = metrics;
    }

    public boolean isOverloaded() {
        return overloaded;
    }

    /** One reading and its consequences; called on a single timer thread. */
    @Override
    public void run() {
        double heap = probe.heapUsedFraction();
        double direct = probe.directMemoryUsedFraction();
        boolean was = overloaded;
        boolean now = policy.update(heap, direct);
        overloaded = now;
        metrics.overloadActive.set(now ? 1 : 0);
        List<Weighed> weights = new ArrayList<>();
        long total = 0;
        for (LimitedConnection c : connections) {
            long bytes = c.drainBytesRead();
            total += bytes;
            if (bytes > 0) {
                weights.add(new Weighed(c, bytes));
            }
        }
        if (now && !was) {
            metrics.overloadEpisodes.increment();
            log.warn("overload: heap {}%, direct memory {}%: refusing new connections, pausing the heaviest publishers,"
                    + " shedding QoS 0 to slow subscribers", percent(heap), percent(direct));
        }
        if (now) {
            pauseHeaviest(weights, total);
        } else if (was) {
            log.warn("overload over: heap {}%, direct memory {}%; resuming {} paused connections",
                    percent(heap), percent(direct), paused.size());
            paused.forEach(c -> c.pauseForOverload(false));
            paused.clear();
        }
        paused.retainAll(connections); // closed connections need no resume
        metrics.overloadPausedConnections.set(paused.size());
    }

    private void pauseHeaviest(List<Weighed> weights, long total) {
        weights.sort(Comparator.comparingLong(Weighed::bytes).reversed());
        long covered = 0;
        for (Weighed w : weights) {
            if (covered >= total * HEAVY_SHARE) {
                break;
            }
            covered += w.bytes();
            if (paused.add(w.connection())) {
                w.connection().pauseForOverload(true);
            }
        }
    }

    private static long percent(double fraction) {
        return Math.round(fraction * 100);
    }

    private record Weighed(LimitedConnection connection, long bytes) {}
}
