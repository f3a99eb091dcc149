package io.bastionmq.config;

import java.time.Duration;

/**
 * The {@code $SYS/#} statistics topics.
 *
 * @param enabled  publish broker statistics under {@code $SYS/}
 * @param interval how often they are published
 */
public record SysConfig(boolean enabled, Duration interval) {
    public static final boolean ENABLED_DEFAULT = true;
    public static final Duration INTERVAL_DEFAULT = Duration.ofSeconds(10);
    public static final Duration INTERVAL_MINIMUM = Duration.ofSeconds(1);
    public static final Duration INTERVAL_MAXIMUM = Duration.ofHours(1);

    public static final SysConfig DEFAULT = new SysConfig(ENABLED_DEFAULT, INTERVAL_DEFAULT);

    public SysConfig {
        Bounds.present("interval", interval);
        Bounds.check("interval", interval, INTERVAL_MINIMUM, INTERVAL_MAXIMUM);
    }
}
