package io.bastionmq.limits;

import io.bastionmq.config.LimitsConfig;

/**
 * The overload decision with hysteresis (THREATS.md C18): overloaded from the moment heap or
 * direct memory reaches its high watermark, normal again only once both are below their low
 * watermarks. The gap keeps the broker from flipping at every reading near one mark. Pure: the
 * caller feeds readings in.
 */
public final class OverloadPolicy {
    private final LimitsConfig.Overload config;
    private boolean overloaded;

    public OverloadPolicy(LimitsConfig.Overload config) {
        this.config = config;
    }

    /** Takes one reading; returns whether the broker is overloaded after it. */
    public boolean update(double heap, double direct) {
        if (!config.enabled()) {
            overloaded = false;
        } else if (overloaded) {
            overloaded = heap >= config.heapLowWatermark() || direct >= config.directMemoryLowWatermark();
        } else {
            overloaded = heap >= config.heapHighWatermark() || direct >= config.directMemoryHighWatermark();
        }
        return overloaded;
    }

    public boolean isOverloaded() {
        return overloaded;
    }
}
