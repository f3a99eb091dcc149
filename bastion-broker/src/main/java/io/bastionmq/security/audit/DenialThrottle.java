package io.bastionmq.security.audit;

/**
 * Per-connection budget for {@code authz_denied} events: at most {@link #BURST} per
 * {@link #WINDOW_MILLIS}, the rest counted and reported with the next logged one. Without it a
 * client could flood denied PUBLISHes to fill the audit queue, so that the events that matter
 * (failed logins of a brute-force run, from this or other connections) are dropped. Confined to
 * the connection's event loop.
 */
public final class DenialThrottle {
    public static final int BURST = 20;
    public static final long WINDOW_MILLIS = 10_000;

    private long windowStart = Long.MIN_VALUE;
    private int used;
    private long suppressed;

    /** -1 if this denial is not to be logged; else how many were left out since the last logged one. */
    public long admit(long nowMillis) {
        if (windowStart == Long.MIN_VALUE || nowMillis - windowStart >= WINDOW_MILLIS) {
            windowStart = nowMillis;
            used = 0;
        }
        if (used >= BURST) {
            suppressed++;
            return -1;
        }
        used++;
        long skipped = suppressed;
        suppressed = 0;
        return skipped;
    }
}
