package io.bastionmq.limits;

import io.bastionmq.config.LimitsConfig;

/**
 * One publisher's budget (THREATS.md C15): a bucket of messages and a bucket of bytes, each
 * refilled at its per-second rate and holding {@code burst} seconds of it. A PUBLISH needs one
 * message and its size in bytes. One budget per connection today; a budget per user name is the
 * same class held in a map by user, and a PUBLISH is then charged to both.
 */
public final class PublishBudget {
    private final TokenBucket messages;
    private final TokenBucket bytes;

    public PublishBudget(LimitsConfig.PublishRate rate, long nowNanos) {
        this.messages = new TokenBucket(rate.messagesPerSecond(), (double) rate.messagesPerSecond() * rate.burstSeconds(), nowNanos);
        this.bytes = new TokenBucket(rate.bytesPerSecond(), (double) rate.bytesPerSecond() * rate.burstSeconds(), nowNanos);
    }

    /**
     * Charges one message of {@code size} bytes, and returns the nanoseconds the publisher must
     * now wait for both buckets to be out of debt; 0 if it is within its rate.
     */
    public long charge(int size, long nowNanos) {
        return Math.max(messages.charge(1, nowNanos), bytes.charge(size, nowNanos));
    }

    /** Nanoseconds until both buckets are out of debt. */
    public long debtNanos(long nowNanos) {
        return Math.max(messages.debtNanos(nowNanos), bytes.debtNanos(nowNanos));
    }
}
