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

    // Abuse resistance (THREATS.md T6; docs/security.md names the reason code of each).
    /** Connections refused because their address, client id or user name is banned (0x8A). */
    public final LongAdder bannedRefused = new LongAdder();
    /** Connections refused by max_connections or max_connections_per_address (0x97). */
    public final LongAdder connectionLimitRefused = new LongAdder();
    /** Connections refused by connect_rate_per_address (0x9F). */
    public final LongAdder connectRateRefused = new LongAdder();
    /** Connections refused while the broker was overloaded (0x89). */
    public final LongAdder overloadRefused = new LongAdder();
    /** Client ids banned automatically for flapping. */
    public final LongAdder flappingBans = new LongAdder();
    /** Live connections cut because a ban added at run time matched them (DISCONNECT 0x98). */
    public final LongAdder bansEnforcedLive = new LongAdder();
    /** Times a publisher's socket was paused because it exceeded its publish rate. */
    public final LongAdder publishThrottled = new LongAdder();
    /** Publishers disconnected for exceeding their publish rate (0x96). */
    public final LongAdder publishRateDisconnects = new LongAdder();
    /** Subscriptions refused by max_subscriptions_per_client (SUBACK 0x97). */
    public final LongAdder subscriptionQuotaRefused = new LongAdder();
    /** Topic names (0x90) and filters (SUBACK 0x8F) refused by max_topic_length. */
    public final LongAdder topicLengthRefused = new LongAdder();
    /** Packets refused by max_user_properties (0x83). */
    public final LongAdder userPropertiesRefused = new LongAdder();
    /** QoS 0 messages not sent to slow subscribers while the broker was overloaded. */
    public final LongAdder overloadShedQos0 = new LongAdder();
    /** Times the broker entered overload. */
    public final LongAdder overloadEpisodes = new LongAdder();
    /** 1 while the broker is overloaded, else 0. */
    public final AtomicLong overloadActive = new AtomicLong();
    /** Publishers paused by the overload monitor right now. */
    public final AtomicLong overloadPausedConnections = new AtomicLong();
}
