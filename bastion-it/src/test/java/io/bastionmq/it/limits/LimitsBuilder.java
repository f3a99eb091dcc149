package io.bastionmq.it.limits;

import io.bastionmq.config.LimitsConfig;
import io.bastionmq.config.LimitsConfig.RateLimitAction;
import io.bastionmq.it.support.TestBroker;
import java.time.Duration;

/** A {@link LimitsConfig} that starts relaxed (nothing a test reaches by accident) and tightens one limit at a time. */
final class LimitsBuilder {
    private final LimitsConfig r = TestBroker.Builder.RELAXED_LIMITS;
    private int maxConnections = r.maxConnections();
    private int perAddress = r.maxConnectionsPerAddress();
    private LimitsConfig.ConnectRate connectRate = r.connectRatePerAddress();
    private int maxSubscriptions = r.maxSubscriptionsPerClient();
    private int maxTopicLength = r.maxTopicLength();
    private int maxUserProperties = r.maxUserProperties();
    private LimitsConfig.PublishRate publishRate = r.publishRate();
    private RateLimitAction action = r.rateLimitAction();
    private LimitsConfig.Flapping flapping = r.flapping();
    private LimitsConfig.Overload overload = r.overload();

    LimitsBuilder maxConnections(int v) { maxConnections = v; return this; }
    LimitsBuilder maxConnectionsPerAddress(int v) { perAddress = v; return this; }
    LimitsBuilder connectRate(int rate, int burst) { connectRate = new LimitsConfig.ConnectRate(rate, burst); return this; }
    LimitsBuilder maxSubscriptions(int v) { maxSubscriptions = v; return this; }
    LimitsBuilder maxTopicLength(int v) { maxTopicLength = v; return this; }
    LimitsBuilder maxUserProperties(int v) { maxUserProperties = v; return this; }
    LimitsBuilder publishRate(int messagesPerSecond, long bytesPerSecond, int burstSeconds, RateLimitAction a) {
        publishRate = new LimitsConfig.PublishRate(messagesPerSecond, bytesPerSecond, burstSeconds);
        action = a;
        return this;
    }
    LimitsBuilder flapping(int maxConnects, Duration window, Duration ban) {
        flapping = new LimitsConfig.Flapping(true, maxConnects, window, ban, ban.multipliedBy(8));
        return this;
    }
    LimitsBuilder overload(Duration checkInterval) {
        overload = new LimitsConfig.Overload(true, 0.85, 0.70, 0.85, 0.70, checkInterval);
        return this;
    }

    LimitsConfig build() {
        return new LimitsConfig(maxConnections, perAddress, connectRate, maxSubscriptions, maxTopicLength, maxUserProperties,
                publishRate, action, flapping, overload);
    }
}
