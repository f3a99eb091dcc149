package io.bastionmq.config;

import java.time.Duration;

/**
 * Abuse resistance (THREATS.md T6, controls C14 to C18): how many connections the broker takes and
 * how fast, what one client may subscribe and publish, when a reconnecting client counts as
 * flapping, and the memory marks at which the broker protects itself. Each default sits beside
 * its bounds; docs/security.md tells what each limit does on the wire.
 *
 * @param maxConnections            open connections across all listeners
 * @param maxConnectionsPerAddress  open connections from one IP address
 * @param connectRatePerAddress     new connections per second from one IP address
 * @param maxSubscriptionsPerClient subscriptions one session may hold
 * @param maxTopicLength            longest topic name or filter, in UTF-8 bytes
 * @param maxUserProperties         most user properties on one CONNECT, PUBLISH or SUBSCRIBE
 * @param publishRate               messages and bytes per second one client may publish
 * @param rateLimitAction           what a client publishing faster than {@code publishRate} gets
 * @param flapping                  automatic bans for clients that reconnect too often
 * @param overload                  memory watermarks
 */
public record LimitsConfig(
        int maxConnections,
        int maxConnectionsPerAddress,
        ConnectRate connectRatePerAddress,
        int maxSubscriptionsPerClient,
        int maxTopicLength,
        int maxUserProperties,
        PublishRate publishRate,
        RateLimitAction rateLimitAction,
        Flapping flapping,
        Overload overload) {

    /** What happens to a client that publishes faster than its rate. */
    public enum RateLimitAction {
        /** Stop reading its socket until its budget has refilled: TCP pushes back on the client. */
        BACKPRESSURE,
        /** DISCONNECT with 0x96 (message rate too high); a 3.1.1 client is closed. */
        DISCONNECT
    }

    public static final int MAX_CONNECTIONS_DEFAULT = 100_000;
    public static final int MAX_CONNECTIONS_MINIMUM = 1;
    public static final int MAX_CONNECTIONS_MAXIMUM = 10_000_000;

    public static final int MAX_CONNECTIONS_PER_ADDRESS_DEFAULT = 100;
    public static final int MAX_CONNECTIONS_PER_ADDRESS_MINIMUM = 1;
    public static final int MAX_CONNECTIONS_PER_ADDRESS_MAXIMUM = 10_000_000;

    public static final int MAX_SUBSCRIPTIONS_PER_CLIENT_DEFAULT = 1000;
    public static final int MAX_SUBSCRIPTIONS_PER_CLIENT_MINIMUM = 1;
    public static final int MAX_SUBSCRIPTIONS_PER_CLIENT_MAXIMUM = 1_000_000;

    public static final int MAX_TOPIC_LENGTH_DEFAULT = 1024;
    public static final int MAX_TOPIC_LENGTH_MINIMUM = 16;
    public static final int MAX_TOPIC_LENGTH_MAXIMUM = 65_535;   // MQTT5 1.5.4: a UTF-8 string is at most 65,535 bytes

    public static final int MAX_USER_PROPERTIES_DEFAULT = 32;
    public static final int MAX_USER_PROPERTIES_MINIMUM = 0;
    public static final int MAX_USER_PROPERTIES_MAXIMUM = 65_535;

    public static final RateLimitAction RATE_LIMIT_ACTION_DEFAULT = RateLimitAction.BACKPRESSURE;

    /**
     * A token bucket of new connections per address.
     *
     * @param rate  connections per second, sustained
     * @param burst connections accepted at once after a quiet period
     */
    public record ConnectRate(int rate, int burst) {
        public static final int RATE_DEFAULT = 20;
        public static final int RATE_MINIMUM = 1;
        public static final int RATE_MAXIMUM = 1_000_000;
        public static final int BURST_DEFAULT = 50;
        public static final int BURST_MINIMUM = 1;
        public static final int BURST_MAXIMUM = 10_000_000;
        public static final ConnectRate DEFAULT = new ConnectRate(RATE_DEFAULT, BURST_DEFAULT);

        public ConnectRate {
            Bounds.check("rate", rate, RATE_MINIMUM, RATE_MAXIMUM);
            Bounds.check("burst", burst, BURST_MINIMUM, BURST_MAXIMUM);
        }
    }

    /**
     * Token buckets of one client's publishing: both must have budget for a PUBLISH.
     *
     * @param messagesPerSecond PUBLISH packets per second, sustained
     * @param bytesPerSecond    payload bytes per second, sustained
     * @param burstSeconds      seconds of either rate a quiet client may spend at once
     */
    public record PublishRate(int messagesPerSecond, long bytesPerSecond, int burstSeconds) {
        public static final int MESSAGES_PER_SECOND_DEFAULT = 1000;
        public static final int MESSAGES_PER_SECOND_MINIMUM = 1;
        public static final int MESSAGES_PER_SECOND_MAXIMUM = 10_000_000;
        public static final long BYTES_PER_SECOND_DEFAULT = 1024 * 1024;
        public static final long BYTES_PER_SECOND_MINIMUM = 1024;
        public static final long BYTES_PER_SECOND_MAXIMUM = 1L << 40;
        public static final int BURST_DEFAULT = 2;
        public static final int BURST_MINIMUM = 1;
        public static final int BURST_MAXIMUM = 3600;
        public static final PublishRate DEFAULT = new PublishRate(MESSAGES_PER_SECOND_DEFAULT, BYTES_PER_SECOND_DEFAULT, BURST_DEFAULT);

        public PublishRate {
            Bounds.check("messages_per_second", messagesPerSecond, MESSAGES_PER_SECOND_MINIMUM, MESSAGES_PER_SECOND_MAXIMUM);
            Bounds.check("bytes_per_second", bytesPerSecond, BYTES_PER_SECOND_MINIMUM, BYTES_PER_SECOND_MAXIMUM);
            Bounds.check("burst", burstSeconds, BURST_MINIMUM, BURST_MAXIMUM);
        }
    }

    /**
     * Flapping detection (the EMQX model): a client id that connects more than {@code maxConnects}
     * times within {@code window} is banned for {@code ban}; each further offence while the last
     * is remembered doubles the ban, up to {@code maxBan}.
     *
     * @param enabled     detect flapping at all
     * @param maxConnects connects allowed within the window
     * @param window      the sliding window
     * @param ban         the first ban
     * @param maxBan      the longest ban escalation reaches
     */
    public record Flapping(boolean enabled, int maxConnects, Duration window, Duration ban, Duration maxBan) {
        public static final boolean ENABLED_DEFAULT = true;
        public static final int MAX_CONNECTS_DEFAULT = 15;
        public static final int MAX_CONNECTS_MINIMUM = 2;
        public static final int MAX_CONNECTS_MAXIMUM = 1_000_000;
        public static final Duration WINDOW_DEFAULT = Duration.ofSeconds(60);
        public static final Duration WINDOW_MINIMUM = Duration.ofSeconds(1);
        public static final Duration WINDOW_MAXIMUM = Duration.ofHours(1);
        public static final Duration BAN_DEFAULT = Duration.ofMinutes(5);
        public static final Duration BAN_MINIMUM = Duration.ofSeconds(1);
        public static final Duration BAN_MAXIMUM = Duration.ofDays(7);
        public static final Duration MAX_BAN_DEFAULT = Duration.ofHours(1);
        public static final Flapping DEFAULT = new Flapping(ENABLED_DEFAULT, MAX_CONNECTS_DEFAULT, WINDOW_DEFAULT, BAN_DEFAULT, MAX_BAN_DEFAULT);

        public Flapping {
            Bounds.check("max_connects", maxConnects, MAX_CONNECTS_MINIMUM, MAX_CONNECTS_MAXIMUM);
            Bounds.present("window", window);
            Bounds.check("window", window, WINDOW_MINIMUM, WINDOW_MAXIMUM);
            Bounds.present("ban", ban);
            Bounds.check("ban", ban, BAN_MINIMUM, BAN_MAXIMUM);
            Bounds.present("max_ban", maxBan);
            Bounds.check("max_ban", maxBan, ban, BAN_MAXIMUM);
        }
    }

    /**
     * Overload protection: above a high watermark (a fraction of the maximum) the broker refuses
     * new connections, pauses its heaviest publishers and sheds QoS 0 to slow subscribers; below
     * both low watermarks it recovers by itself.
     *
     * @param enabled                     watch memory at all
     * @param heapHighWatermark           heap in use (excluding the young generation's eden) that starts protection
     * @param heapLowWatermark            heap in use under which protection ends
     * @param directMemoryHighWatermark   Netty direct memory in use that starts protection
     * @param directMemoryLowWatermark    Netty direct memory under which protection ends
     * @param checkInterval               how often memory is read
     */
    public record Overload(boolean enabled, double heapHighWatermark, double heapLowWatermark,
                           double directMemoryHighWatermark, double directMemoryLowWatermark, Duration checkInterval) {
        public static final boolean ENABLED_DEFAULT = true;
        public static final double HEAP_HIGH_WATERMARK_DEFAULT = 0.85;
        public static final double HEAP_LOW_WATERMARK_DEFAULT = 0.70;
        public static final double DIRECT_MEMORY_HIGH_WATERMARK_DEFAULT = 0.85;
        public static final double DIRECT_MEMORY_LOW_WATERMARK_DEFAULT = 0.70;
        public static final double WATERMARK_MINIMUM = 0.05;
        public static final double WATERMARK_MAXIMUM = 0.99;
        public static final Duration CHECK_INTERVAL_DEFAULT = Duration.ofMillis(250);
        public static final Duration CHECK_INTERVAL_MINIMUM = Duration.ofMillis(10);
        public static final Duration CHECK_INTERVAL_MAXIMUM = Duration.ofSeconds(10);
        public static final Overload DEFAULT = new Overload(ENABLED_DEFAULT, HEAP_HIGH_WATERMARK_DEFAULT,
                HEAP_LOW_WATERMARK_DEFAULT, DIRECT_MEMORY_HIGH_WATERMARK_DEFAULT, DIRECT_MEMORY_LOW_WATERMARK_DEFAULT,
                CHECK_INTERVAL_DEFAULT);

        public Overload {
            Bounds.check("heap_high_watermark", heapHighWatermark, WATERMARK_MINIMUM, WATERMARK_MAXIMUM);
            Bounds.check("heap_low_watermark", heapLowWatermark, WATERMARK_MINIMUM, heapHighWatermark);
            Bounds.check("direct_memory_high_watermark", directMemoryHighWatermark, WATERMARK_MINIMUM, WATERMARK_MAXIMUM);
            Bounds.check("direct_memory_low_watermark", directMemoryLowWatermark, WATERMARK_MINIMUM, directMemoryHighWatermark);
            Bounds.present("check_interval", checkInterval);
            Bounds.check("check_interval", checkInterval, CHECK_INTERVAL_MINIMUM, CHECK_INTERVAL_MAXIMUM);
        }
    }

    public static final LimitsConfig DEFAULT = new LimitsConfig(MAX_CONNECTIONS_DEFAULT, MAX_CONNECTIONS_PER_ADDRESS_DEFAULT,
            ConnectRate.DEFAULT, MAX_SUBSCRIPTIONS_PER_CLIENT_DEFAULT, MAX_TOPIC_LENGTH_DEFAULT, MAX_USER_PROPERTIES_DEFAULT,
            PublishRate.DEFAULT, RATE_LIMIT_ACTION_DEFAULT, Flapping.DEFAULT, Overload.DEFAULT);

    /**
     * Every limit at its maximum, flapping detection and overload protection off: for fuzzing,
     * load tests and benchmarks of one machine against itself on loopback, where thousands of
     * connections from 127.0.0.1 are the point. Never for a broker that faces a network.
     */
    public static final LimitsConfig PERMISSIVE = new LimitsConfig(MAX_CONNECTIONS_MAXIMUM, MAX_CONNECTIONS_PER_ADDRESS_MAXIMUM,
            new ConnectRate(ConnectRate.RATE_MAXIMUM, ConnectRate.BURST_MAXIMUM), MAX_SUBSCRIPTIONS_PER_CLIENT_MAXIMUM,
            MAX_TOPIC_LENGTH_MAXIMUM, MAX_USER_PROPERTIES_MAXIMUM,
            new PublishRate(PublishRate.MESSAGES_PER_SECOND_MAXIMUM, PublishRate.BYTES_PER_SECOND_MAXIMUM, PublishRate.BURST_MAXIMUM),
            RateLimitAction.BACKPRESSURE,
            new Flapping(false, Flapping.MAX_CONNECTS_MAXIMUM, Flapping.WINDOW_MINIMUM, Flapping.BAN_MINIMUM, Flapping.BAN_MINIMUM),
            new Overload(false, Overload.WATERMARK_MAXIMUM, Overload.WATERMARK_MAXIMUM, Overload.WATERMARK_MAXIMUM,
                    Overload.WATERMARK_MAXIMUM, Overload.CHECK_INTERVAL_MAXIMUM));

    public LimitsConfig {
        Bounds.check("max_connections", maxConnections, MAX_CONNECTIONS_MINIMUM, MAX_CONNECTIONS_MAXIMUM);
        Bounds.check("max_connections_per_address", maxConnectionsPerAddress,
                MAX_CONNECTIONS_PER_ADDRESS_MINIMUM, MAX_CONNECTIONS_PER_ADDRESS_MAXIMUM);
        Bounds.present("connect_rate_per_address", connectRatePerAddress);
        Bounds.check("max_subscriptions_per_client", maxSubscriptionsPerClient,
                MAX_SUBSCRIPTIONS_PER_CLIENT_MINIMUM, MAX_SUBSCRIPTIONS_PER_CLIENT_MAXIMUM);
        Bounds.check("max_topic_length", maxTopicLength, MAX_TOPIC_LENGTH_MINIMUM, MAX_TOPIC_LENGTH_MAXIMUM);
        Bounds.check("max_user_properties", maxUserProperties, MAX_USER_PROPERTIES_MINIMUM, MAX_USER_PROPERTIES_MAXIMUM);
        Bounds.present("publish_rate", publishRate);
        Bounds.present("rate_limit_action", rateLimitAction);
        Bounds.present("flapping", flapping);
        Bounds.present("overload", overload);
    }
}
