package io.bastionmq.bench.run;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * The counters every connection of a run writes to, from any event loop thread. The latency
 * recorder hands out interval histograms, which {@link Timeline} collects once a second.
 */
public final class Meter {
    /** One minute in nanoseconds: anything slower is recorded as a minute. */
    private static final long HIGHEST_NANOS = 60_000_000_000L;

    private final LongAdder sent = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final AtomicReference<String> firstError = new AtomicReference<>("");
    final Recorder latency = new Recorder(HIGHEST_NANOS, 3);

    void onSent() {
        sent.increment();
    }

    void onReceived(long latencyNanos) {
        received.increment();
        latency.recordValue(Math.clamp(latencyNanos, 1, HIGHEST_NANOS));
    }

    void onError(String what) {
        errors.increment();
        firstError.compareAndSet("", what);
    }

    long sent() {
        return sent.sum();
    }

    long received() {
        return received.sum();
    }

    long errors() {
        return errors.sum();
    }

    /** The first error of the run, empty if none, so a failing run says why. */
    String firstError() {
        return firstError.get();
    }
}
