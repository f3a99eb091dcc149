package io.bastionmq.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Broker-wide counters and gauges. Counters are {@link LongAdder}s: they are bumped on every
 * event loop for every message, and must not become a point of contention.
 */
public final class Metrics {
    public final LongAdder connectionsAccepted = new LongAdder();
    public final AtomicLong connectionsOpen = new AtomicLong();
    public final LongAdder connectsRejected = new LongAdder();
    public final LongAdder protocolViolations = new LongAdder();
    public final LongAdder messagesReceived = new LongAdder();
    public final LongAdder messagesSent = new LongAdder();
    public final LongAdder bytesReceived = new LongAdder();
    public final LongAdder bytesSent = new LongAdder();
    /** Messages dropped because a session's queue was full (max_queued_messages). */
    public final LongAdder queueOverflowDropped = new LongAdder();
    /** QoS 0 messages not sent because the subscriber's socket was not writable. */
    public final LongAdder qos0Dropped = new LongAdder();
    /** Messages that expired before they could be delivered (MQTT5 3.3.2.3.3). */
    public final LongAdder messagesExpired = new LongAdder();
    /** Messages not sent because they exceed the client's Maximum Packet Size (MQTT-3.1.2-25). */
    public final LongAdder oversizeDropped = new LongAdder();
    public final LongAdder willsPublished = new LongAdder();
    public final LongAdder sessionsExpired = new LongAdder();
}
