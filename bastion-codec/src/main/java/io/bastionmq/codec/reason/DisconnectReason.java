package io.bastionmq.codec.reason;

import org.jspecify.annotations.Nullable;

/** DISCONNECT reason codes, MQTT5 3.14.2.1 Table 3-10. Codes marked (server) are sent only by the server. */
public enum DisconnectReason implements ReasonCode {
    NORMAL_DISCONNECTION(0x00),
    DISCONNECT_WITH_WILL_MESSAGE(0x04),
    UNSPECIFIED_ERROR(0x80),
    MALFORMED_PACKET(0x81),
    PROTOCOL_ERROR(0x82),
    IMPLEMENTATION_SPECIFIC_ERROR(0x83),
    NOT_AUTHORIZED(0x87),
    /** (server) */ SERVER_BUSY(0x89),
    /** (server) */ SERVER_SHUTTING_DOWN(0x8B),
    /** (server) */ KEEP_ALIVE_TIMEOUT(0x8D),
    /** (server) */ SESSION_TAKEN_OVER(0x8E),
    TOPIC_FILTER_INVALID(0x8F),
    TOPIC_NAME_INVALID(0x90),
    RECEIVE_MAXIMUM_EXCEEDED(0x93),
    TOPIC_ALIAS_INVALID(0x94),
    PACKET_TOO_LARGE(0x95),
    MESSAGE_RATE_TOO_HIGH(0x96),
    QUOTA_EXCEEDED(0x97),
    ADMINISTRATIVE_ACTION(0x98),
    PAYLOAD_FORMAT_INVALID(0x99),
    /** (server) */ RETAIN_NOT_SUPPORTED(0x9A),
    /** (server) */ QOS_NOT_SUPPORTED(0x9B),
    /** (server) */ USE_ANOTHER_SERVER(0x9C),
    /** (server) */ SERVER_MOVED(0x9D),
    /** (server) */ SHARED_SUBSCRIPTIONS_NOT_SUPPORTED(0x9E),
    /** (server) */ CONNECTION_RATE_EXCEEDED(0x9F),
    /** (server) */ MAXIMUM_CONNECT_TIME(0xA0),
    /** (server) */ SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED(0xA1),
    /** (server) */ WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED(0xA2);

    private static final DisconnectReason[] BY_VALUE = ReasonCode.indexByValue(DisconnectReason.class);
    private final int value;

    DisconnectReason(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    /** The code for a wire byte, or null when the byte is not a valid code for this packet (a malformed packet). */
    public static @Nullable DisconnectReason fromValue(int value) {
        return value >= 0 && value < 256 ? BY_VALUE[value] : null;
    }
}
