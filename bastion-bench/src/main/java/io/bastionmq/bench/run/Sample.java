package io.bastionmq.bench.run;

/**
 * One second of a run, for the progress line and the chart. For a flow "sent" counts publishes
 * and "received" deliveries; for connection runs, attempts and accepted connections.
 *
 * @param second     seconds since the run started, at the end of this interval
 * @param warmup     the interval belongs to the warm-up and is left out of the totals
 * @param p50Micros  median latency in the interval; 0 when nothing was measured
 */
public record Sample(double second, boolean warmup, double sentPerSecond, double receivedPerSecond,
        double p50Micros, double p99Micros) {}
