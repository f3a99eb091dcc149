package io.bastionmq.security.authn;

import java.time.Duration;

/**
 * Brute-force defence (THREATS.md C4), per source address and per user name.
 *
 * @param maxFailures  failures in a row after which the address or user is locked out (default 5)
 * @param lockout      how long a lockout lasts (default 5 min); the right password is refused meanwhile
 * @param baseDelay    delay before answering the first failure; doubles with each further one (default 500 ms)
 * @param maxDelay     cap of that delay (default 8 s)
 */
public record BruteForceSettings(int maxFailures, Duration lockout, Duration baseDelay, Duration maxDelay) {
    public static final int MAX_FAILURES_DEFAULT = 5;
    public static final int MAX_FAILURES_MAXIMUM = 1000;
    public static final Duration LOCKOUT_DEFAULT = Duration.ofMinutes(5);
    public static final Duration BASE_DELAY_DEFAULT = Duration.ofMillis(500);
    public static final Duration MAX_DELAY_DEFAULT = Duration.ofSeconds(8);
    public static final Duration MAX_DELAY_MAXIMUM = Duration.ofMinutes(1);
    public static final BruteForceSettings DEFAULT =
            new BruteForceSettings(MAX_FAILURES_DEFAULT, LOCKOUT_DEFAULT, BASE_DELAY_DEFAULT, MAX_DELAY_DEFAULT);

    public BruteForceSettings {
        if (maxFailures < 1 || maxFailures > MAX_FAILURES_MAXIMUM) {
            throw new IllegalArgumentException("max_failures must be 1.." + MAX_FAILURES_MAXIMUM);
        }
        if (lockout.isNegative() || baseDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        if (maxDelay.compareTo(MAX_DELAY_MAXIMUM) > 0 || baseDelay.compareTo(maxDelay) > 0) {
            throw new IllegalArgumentException("base_delay <= max_delay <= " + MAX_DELAY_MAXIMUM.toSeconds() + "s");
        }
    }
}
