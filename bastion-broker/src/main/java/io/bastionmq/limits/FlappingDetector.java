package io.bastionmq.limits;

import io.bastionmq.config.LimitsConfig;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Flapping detection (THREATS.md C16, the EMQX model): a key (a client id) that connects more
 * than {@code max_connects} times within {@code window} has to be banned. The first ban lasts
 * {@code ban}; each offence while the previous one is remembered doubles it, up to
 * {@code max_ban}. An offence is remembered for twice the longest ban after the last one, so a
 * device that misbehaves once a week starts again from the first step.
 *
 * <p>Memory is bounded per key (at most {@code max_connects + 1} timestamps) and {@link #prune}
 * forgets quiet keys. Thread-safe: each key's state is guarded by its own monitor.
 */
public final class FlappingDetector {
    private final LimitsConfig.Flapping config;
    private final long windowMillis;
    private final Map<String, Track> tracks = new ConcurrentHashMap<>();

    public FlappingDetector(LimitsConfig.Flapping config) {
        this.config = config;
        this.windowMillis = config.window().toMillis();
    }

    /**
     * Records one connect of {@code key} at {@code nowMillis}; returns how long to ban it if this
     * connect makes it flap, or null.
     */
    public @Nullable Duration onConnect(String key, long nowMillis) {
        if (!config.enabled()) {
            return null;
        }
        Track t = tracks.computeIfAbsent(key, k -> new Track());
        synchronized (t) {
            t.connects.addLast(nowMillis);
            while (!t.connects.isEmpty() && t.connects.peekFirst() <= nowMillis - windowMillis) {
                t.connects.removeFirst();
            }
            if (t.connects.size() <= config.maxConnects()) {
                return null;
            }
            t.connects.clear(); // the ban answers this burst; counting starts afresh after it
            if (t.strikes > 0 && nowMillis - t.lastOffenceMillis > 2 * config.maxBan().toMillis()) {
                t.strikes = 0;
            }
            Duration ban = escalated(t.strikes);
            t.strikes++;
            t.lastOffenceMillis = nowMillis;
            return ban;
        }
    }

    /** {@code ban × 2^strikes}, capped at {@code max_ban}. */
    Duration escalated(int strikes) {
        Duration ban = config.ban();
        for (int i = 0; i < strikes && ban.compareTo(config.maxBan()) < 0; i++) {
            ban = ban.multipliedBy(2);
        }
        return ban.compareTo(config.maxBan()) > 0 ? config.maxBan() : ban;
    }

    /** Forgets keys with no connect in the window and no offence to remember. */
    public void prune(long nowMillis) {
        tracks.entrySet().removeIf(e -> {
            Track t = e.getValue();
            synchronized (t) {
                boolean quiet = t.connects.isEmpty() || t.connects.peekLast() <= nowMillis - windowMillis;
                boolean forgiven = t.strikes == 0 || nowMillis - t.lastOffenceMillis > 2 * config.maxBan().toMillis();
                return quiet && forgiven;
            }
        });
    }

    int trackedKeys() {
        return tracks.size();
    }

    private static final class Track {
        final ArrayDeque<Long> connects = new ArrayDeque<>();
        int strikes;
        long lastOffenceMillis;
    }
}
