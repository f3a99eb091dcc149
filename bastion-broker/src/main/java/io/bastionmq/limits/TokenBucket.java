package io.bastionmq.limits;

/**
 * A token bucket: {@code capacity} tokens, refilled at {@code ratePerSecond}. Time is passed in
 * (nanoseconds from any fixed origin), so tests need no clock and no sleeps.
 *
 * <p>{@link #tryTake} is the admission form: it takes only if there is enough. {@link #charge} is
 * the backpressure form: it always takes, letting the balance go negative, and says how long the
 * holder must wait until the debt is repaid. A packet that has already been read cannot be
 * un-read, so the publish limiter charges it and pauses the socket for the debt.
 *
 * <p>Thread-safe (a monitor): per-address buckets are shared by event loops.
 */
public final class TokenBucket {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double capacity;
    private final double ratePerNano;
    private double tokens;
    private long lastNanos;

    public TokenBucket(double ratePerSecond, double capacity, long nowNanos) {
        if (!(ratePerSecond > 0) || !(capacity >= 1)) {
            throw new IllegalArgumentException("rate must be > 0 and capacity >= 1, got " + ratePerSecond + ", " + capacity);
        }
        this.capacity = capacity;
        this.ratePerNano = ratePerSecond / NANOS_PER_SECOND;
        this.tokens = capacity;
        this.lastNanos = nowNanos;
    }

    /** Takes {@code n} tokens if the bucket holds them; otherwise takes nothing. */
    public synchronized boolean tryTake(double n, long nowNanos) {
        refill(nowNanos);
        if (tokens >= n) {
            tokens -= n;
            return true;
        }
        return false;
    }

    /**
     * Takes {@code n} tokens whatever the balance, and returns the nanoseconds until the balance
     * is back to zero (0 if it did not go negative).
     */
    public synchronized long charge(double n, long nowNanos) {
        refill(nowNanos);
        tokens -= n;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / ratePerNano);
    }

    /** Nanoseconds until the balance is back to zero; 0 if it is not negative. */
    public synchronized long debtNanos(long nowNanos) {
        refill(nowNanos);
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / ratePerNano);
    }

    /** Whether the bucket is full, i.e. its holder has been quiet long enough to be forgotten. */
    public synchronized boolean isFull(long nowNanos) {
        refill(nowNanos);
        return tokens >= capacity;
    }

    synchronized double tokens(long nowNanos) {
        refill(nowNanos);
        return tokens;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * ratePerNano);
            lastNanos = nowNanos;
        }
    }
}
