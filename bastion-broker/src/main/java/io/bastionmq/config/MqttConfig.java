package io.bastionmq.config;

import java.time.Duration;

/**
 * MQTT protocol limits and features the broker announces and enforces. Each default sits beside
 * its bounds; the bounds are the protocol's own unless a comment says otherwise.
 *
 * @param maxPacketSize                    largest packet accepted, in bytes (CONNACK Maximum Packet Size)
 * @param receiveMaximum                   QoS 1/2 publishes a client may have unacknowledged towards the broker
 * @param topicAliasMaximum                topic aliases a client may use towards the broker; 0 disables them
 * @param maximumQos                       highest QoS accepted from clients (CONNACK Maximum QoS)
 * @param retainAvailable                  retained messages are supported
 * @param wildcardSubscriptionAvailable    {@code +} and {@code #} are allowed in subscriptions
 * @param sharedSubscriptionAvailable      {@code $share/...} subscriptions are supported
 * @param subscriptionIdentifiersAvailable subscription identifiers are supported
 * @param maxSessionExpiryInterval         cap on the session expiry a client asks for, in seconds
 * @param serverKeepAlive                  keep alive imposed on clients in seconds; 0 honours the client's
 * @param maxQueuedMessages                messages queued per session while its client is away or slow
 * @param queueOverflowPolicy              what a full queue does with one more message
 * @param maxTopicLevels                   most {@code /}-separated levels in a topic name or filter
 * @param maxClientIdLength                longest client identifier accepted, in UTF-8 bytes
 * @param connectTimeout                   time a new connection has to send CONNECT (slowloris defence, THREATS.md C19)
 */
public record MqttConfig(
        int maxPacketSize,
        int receiveMaximum,
        int topicAliasMaximum,
        int maximumQos,
        boolean retainAvailable,
        boolean wildcardSubscriptionAvailable,
        boolean sharedSubscriptionAvailable,
        boolean subscriptionIdentifiersAvailable,
        long maxSessionExpiryInterval,
        int serverKeepAlive,
        int maxQueuedMessages,
        QueueOverflowPolicy queueOverflowPolicy,
        int maxTopicLevels,
        int maxClientIdLength,
        Duration connectTimeout) {

    /** What happens when a message arrives for a session whose queue is full. */
    public enum QueueOverflowPolicy {
        /** Discard the oldest queued message to make room: the client gets the freshest data. */
        DROP_OLDEST,
        /** Discard the arriving message: the client gets what was queued first. */
        DROP_NEW
    }

    public static final int MAX_PACKET_SIZE_DEFAULT = 1024 * 1024;
    public static final int MAX_PACKET_SIZE_MINIMUM = 64;
    /** MQTT5 2.2.3: 1 byte fixed header + 4-byte remaining length of at most 268,435,455. */
    public static final int MAX_PACKET_SIZE_MAXIMUM = 268_435_460;

    public static final int RECEIVE_MAXIMUM_DEFAULT = 1024;
    public static final int RECEIVE_MAXIMUM_MINIMUM = 1;       // MQTT5 3.2.2.3.3: 0 is a protocol error
    public static final int RECEIVE_MAXIMUM_MAXIMUM = 65_535;

    public static final int TOPIC_ALIAS_MAXIMUM_DEFAULT = 64;
    public static final int TOPIC_ALIAS_MAXIMUM_MINIMUM = 0;
    public static final int TOPIC_ALIAS_MAXIMUM_MAXIMUM = 65_535;

    public static final int MAXIMUM_QOS_DEFAULT = 2;
    public static final int MAXIMUM_QOS_MINIMUM = 0;
    public static final int MAXIMUM_QOS_MAXIMUM = 2;

    public static final boolean RETAIN_AVAILABLE_DEFAULT = true;
    public static final boolean WILDCARD_SUBSCRIPTION_AVAILABLE_DEFAULT = true;
    public static final boolean SHARED_SUBSCRIPTION_AVAILABLE_DEFAULT = true;
    public static final boolean SUBSCRIPTION_IDENTIFIERS_AVAILABLE_DEFAULT = true;

    public static final long MAX_SESSION_EXPIRY_INTERVAL_DEFAULT = 7 * 24 * 60 * 60;   // 7 days
    public static final long MAX_SESSION_EXPIRY_INTERVAL_MINIMUM = 0;
    public static final long MAX_SESSION_EXPIRY_INTERVAL_MAXIMUM = 0xFFFF_FFFFL;       // MQTT5 3.1.2.11.2: never expires

    public static final int SERVER_KEEP_ALIVE_DEFAULT = 0;     // honour the client's keep alive
    public static final int SERVER_KEEP_ALIVE_MINIMUM = 0;
    public static final int SERVER_KEEP_ALIVE_MAXIMUM = 65_535;

    public static final int MAX_QUEUED_MESSAGES_DEFAULT = 1000;
    public static final int MAX_QUEUED_MESSAGES_MINIMUM = 1;
    public static final int MAX_QUEUED_MESSAGES_MAXIMUM = 10_000_000;

    public static final QueueOverflowPolicy QUEUE_OVERFLOW_POLICY_DEFAULT = QueueOverflowPolicy.DROP_OLDEST;

    public static final int MAX_TOPIC_LEVELS_DEFAULT = 32;
    public static final int MAX_TOPIC_LEVELS_MINIMUM = 1;
    public static final int MAX_TOPIC_LEVELS_MAXIMUM = 1024;

    public static final int MAX_CLIENT_ID_LENGTH_DEFAULT = 128;
    public static final int MAX_CLIENT_ID_LENGTH_MINIMUM = 23;  // MQTT-3.1.3-5: 1 to 23 bytes MUST be accepted
    public static final int MAX_CLIENT_ID_LENGTH_MAXIMUM = 65_535;

    public static final Duration CONNECT_TIMEOUT_DEFAULT = Duration.ofSeconds(10);
    public static final Duration CONNECT_TIMEOUT_MINIMUM = Duration.ofSeconds(1);
    public static final Duration CONNECT_TIMEOUT_MAXIMUM = Duration.ofMinutes(10);

    public static final MqttConfig DEFAULT = new MqttConfig(
            MAX_PACKET_SIZE_DEFAULT, RECEIVE_MAXIMUM_DEFAULT, TOPIC_ALIAS_MAXIMUM_DEFAULT, MAXIMUM_QOS_DEFAULT,
            RETAIN_AVAILABLE_DEFAULT, WILDCARD_SUBSCRIPTION_AVAILABLE_DEFAULT, SHARED_SUBSCRIPTION_AVAILABLE_DEFAULT,
            SUBSCRIPTION_IDENTIFIERS_AVAILABLE_DEFAULT, MAX_SESSION_EXPIRY_INTERVAL_DEFAULT, SERVER_KEEP_ALIVE_DEFAULT,
            MAX_QUEUED_MESSAGES_DEFAULT, QUEUE_OVERFLOW_POLICY_DEFAULT, MAX_TOPIC_LEVELS_DEFAULT,
            MAX_CLIENT_ID_LENGTH_DEFAULT, CONNECT_TIMEOUT_DEFAULT);

    public MqttConfig {
        Bounds.check("max_packet_size", maxPacketSize, MAX_PACKET_SIZE_MINIMUM, MAX_PACKET_SIZE_MAXIMUM);
        Bounds.check("receive_maximum", receiveMaximum, RECEIVE_MAXIMUM_MINIMUM, RECEIVE_MAXIMUM_MAXIMUM);
        Bounds.check("topic_alias_maximum", topicAliasMaximum, TOPIC_ALIAS_MAXIMUM_MINIMUM, TOPIC_ALIAS_MAXIMUM_MAXIMUM);
        Bounds.check("maximum_qos", maximumQos, MAXIMUM_QOS_MINIMUM, MAXIMUM_QOS_MAXIMUM);
        Bounds.check("max_session_expiry_interval", maxSessionExpiryInterval,
                MAX_SESSION_EXPIRY_INTERVAL_MINIMUM, MAX_SESSION_EXPIRY_INTERVAL_MAXIMUM);
        Bounds.check("server_keep_alive", serverKeepAlive, SERVER_KEEP_ALIVE_MINIMUM, SERVER_KEEP_ALIVE_MAXIMUM);
        Bounds.check("max_queued_messages", maxQueuedMessages, MAX_QUEUED_MESSAGES_MINIMUM, MAX_QUEUED_MESSAGES_MAXIMUM);
        Bounds.present("queue_overflow_policy", queueOverflowPolicy);
        Bounds.check("max_topic_levels", maxTopicLevels, MAX_TOPIC_LEVELS_MINIMUM, MAX_TOPIC_LEVELS_MAXIMUM);
        Bounds.check("max_client_id_length", maxClientIdLength, MAX_CLIENT_ID_LENGTH_MINIMUM, MAX_CLIENT_ID_LENGTH_MAXIMUM);
        Bounds.present("connect_timeout", connectTimeout);
        Bounds.check("connect_timeout", connectTimeout, CONNECT_TIMEOUT_MINIMUM, CONNECT_TIMEOUT_MAXIMUM);
    }
}
