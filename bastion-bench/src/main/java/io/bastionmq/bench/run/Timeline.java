package io.bastionmq.bench.run;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Turns the meter into one {@link Sample} per tick and a latency histogram over the measured
 * part of the run. Only the run's own thread calls it.
 */
final class Timeline {
    private final Meter meter;
    private final long startNanos;
    private final List<Sample> samples = new ArrayList<>();
    private final Histogram measured = new Histogram(3);
    private long lastNanos;
    private long lastSent;
    private long lastReceived;

    Timeline(Meter meter, long startNanos) {
        this.meter = meter;
        this.startNanos = startNanos;
        this.lastNanos = startNanos;
    }

    /** Closes the interval since the last tick. */
    Sample tick(boolean warmup) {
        long now = System.nanoTime();
        Histogram interval = meter.latency.getIntervalHistogram();
        if (!warmup) {
            measured.add(interval);
        }
        long sent = meter.sent();
        long received = meter.received();
        double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
        Latency latency = Latency.of(interval);
        Sample sample = new Sample((now - startNanos) / 1e9, warmup, (sent - lastSent) / seconds,
                (received - lastReceived) / seconds, latency.p50(), latency.p99());
        lastNanos = now;
        lastSent = sent;
        lastReceived = received;
        samples.add(sample);
        return sample;
    }

    /** Adds what arrived since the last tick to the latency totals without a sample (the drain after the last second). */
    void absorbTail() {
        measured.add(meter.latency.getIntervalHistogram());
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    Latency latency() {
        return Latency.of(measured);
    }
}
