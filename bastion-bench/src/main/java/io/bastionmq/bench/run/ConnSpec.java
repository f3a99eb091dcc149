package io.bastionmq.bench.run;

import io.bastionmq.bench.client.ClientOptions;

/**
 * A connection run. Without churn, {@code connections} clients connect at {@code rate} per second
 * and stay connected until all are in (or the duration ends). With churn, up to
 * {@code connections} clients at a time connect, disconnect at once and start over, at most
 * {@code rate} connects per second, for the duration or {@code count} connects.
 *
 * @param rate connects per second, 0 for as fast as the broker accepts them
 */
public record ConnSpec(ClientOptions client, int connections, double rate, boolean churn, long count, int durationSeconds) {
    public ConnSpec {
        if (connections < 1 || rate < 0 || count < 1 || durationSeconds < 1) {
            throw new IllegalArgumentException("needs at least 1 connection, a rate of 0 (unlimited) or more, a count and a duration of at least 1");
        }
    }

    public String scenario() {
        return churn ? "conn-churn" : "conn";
    }

    /** Connects to attempt in all. */
    long target() {
        return churn ? count : connections;
    }
}
