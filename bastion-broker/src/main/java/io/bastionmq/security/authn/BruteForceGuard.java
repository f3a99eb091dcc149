package io.bastionmq.security.authn;

import java.net.InetAddress;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Counts failed logins per source address and per user name (THREATS.md C4). Each failure in a
 * row doubles the delay before the refusal is sent; {@code maxFailures} in a row lock the address
 * or the user out for {@code lockout}, during which even the right password is refused. A success
 * clears both counters. Unknown user names are counted like known ones, so the answer never tells
 * whether a user exists.
 */
public final class BruteForceGuard {
    /** Bound on tracked keys, so a spray of random user names cannot exhaust memory. */
    static final int MAX_TRACKED = 100_000;

    private final BruteForceSettings settings;
    private final Clock clock;
    private final AddressLockouts lockouts;
    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

    /** Told when an address reaches the lockout, so it can land in the broker's ban list. */
    @FunctionalInterface
    public interface AddressLockouts {
        void lockedOut(InetAddress address, int failures, java.time.Duration lockout);
    }

    public BruteForceGuard(BruteForceSettings settings, Clock clock) {
        this(settings, clock, (address, count, lockout) -> { });
    }

    public BruteForceGuard(BruteForceSettings settings, Clock clock, AddressLockouts lockouts) {
        this.settings = settings;
        this.clock = clock;
        this.lockouts = lockouts;
    }

    private record Failures(int count, long lockedUntil, long lastMillis) {}

    /** Whether this address or user is locked out now. */
    public boolean lockedOut(@Nullable InetAddress address, @Nullable String username) {
        long now = clock.millis();
        return locked(addressKey(address), now) || locked(userKey(username), now);
    }

    /** Records a failure; returns the delay (ms) to wait before answering it. */
    public long failed(@Nullable InetAddress address, @Nullable String username) {
        long now = clock.millis();
        if (failures.size() >= MAX_TRACKED) {
            failures.values().removeIf(f -> f.lockedUntil < now && now - f.lastMillis > settings.lockout().toMillis());
        }
        int byAddress = bump(addressKey(address), now);
        if (address != null && byAddress == settings.maxFailures()) {
            lockouts.lockedOut(address, byAddress, settings.lockout());
        }
        int worst = Math.max(1, Math.max(byAddress, bump(userKey(username), now)));
        long delay = settings.baseDelay().toMillis() << Math.min(worst - 1, 20);
        return Math.min(delay, settings.maxDelay().toMillis());
    }

    /** Clears the counters after a successful login. */
    public void succeeded(@Nullable InetAddress address, @Nullable String username) {
        remove(addressKey(address));
        remove(userKey(username));
    }

    private int bump(@Nullable String key, long now) {
        if (key == null) {
            return 0;
        }
        Failures f = failures.compute(key, (k, old) -> {
            int count = old == null || (old.lockedUntil != 0 && old.lockedUntil <= now) ? 1 : old.count + 1;
            long lockedUntil = count >= settings.maxFailures() ? now + settings.lockout().toMillis()
                    : old == null ? 0 : old.lockedUntil > now ? old.lockedUntil : 0;
            return new Failures(count, lockedUntil, now);
        });
        return f.count;
    }

    private boolean locked(@Nullable String key, long now) {
        if (key == null) {
            return false;
        }
        Failures f = failures.get(key);
        return f != null && f.lockedUntil > now;
    }

    private void remove(@Nullable String key) {
        if (key != null) {
            failures.remove(key);
        }
    }

    private static @Nullable String addressKey(@Nullable InetAddress a) {
        return a == null ? null : "a:" + a.getHostAddress();
    }

    private static @Nullable String userKey(@Nullable String username) {
        return username == null ? null : "u:" + username;
    }
}
