package io.bastionmq.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per limit per second at most, with the number of hits left unlogged since the
 * previous line: a flood must not turn into a flood of log lines (STYLE rule 6).
 */
public final class LimitLog {
    private static final Logger log = LoggerFactory.getLogger("io.bastionmq.limits");
    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** Logs {@code limit: detail} at INFO unless this limit was logged less than a second ago. */
    public void hit(String limit, String detail) {
        Window w = windows.computeIfAbsent(limit, k -> new Window());
        long now = System.nanoTime();
        long last = w.lastNanos.get();
        if (now - last < INTERVAL_NANOS || !w.lastNanos.compareAndSet(last, now)) {
            w.suppressed.incrementAndGet();
            return;
        }
        long suppressed = w.suppressed.getAndSet(0);
        if (suppressed > 0) {
            log.info("{}: {} ({} more since the previous line)", limit, detail, suppressed);
        } else {
            log.info("{}: {}", limit, detail);
        }
    }

    private static final class Window {
        final AtomicLong lastNanos = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);
        final AtomicLong suppressed = new AtomicLong();
    }
}
