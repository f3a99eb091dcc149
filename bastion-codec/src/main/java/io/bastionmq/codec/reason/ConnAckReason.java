package io.bastionmq.codec.reason;

import org.jspecify.annotations.Nullable;

/** CONNACK reason codes, MQTT5 3.2.2.2 Table 3-1. For 3.1.1 clients see {@link ConnectReturnCode}. */
public enum ConnAckReason implements ReasonCode {
    SUCCESS(0x00),
    UNSPECIFIED_ERROR(0x80),
    MALFORMED_PACKET(0x81),
    PROTOCOL_ERROR(0x82),
    IMPLEMENTATION_SPECIFIC_ERROR(0x83),
    UNSUPPORTED_PROTOCOL_VERSION(0x84),
    CLIENT_IDENTIFIER_NOT_VALID(0x85),
    BAD_USER_NAME_OR_PASSWORD(0x86),
    NOT_AUTHORIZED(0x87),
    SERVER_UNAVAILABLE(0x88),
    SERVER_BUSY(0x89),
    BANNED(0x8A),
    BAD_AUTHENTICATION_METHOD(0x8C),
    TOPIC_NAME_INVALID(0x90),
    PACKET_TOO_LARGE(0x95),
    QUOTA_EXCEEDED(0x97),
    PAYLOAD_FORMAT_INVALID(0x99),
    RETAIN_NOT_SUPPORTED(0x9A),
    QOS_NOT_SUPPORTED(0x9B),
    USE_ANOTHER_SERVER(0x9C),
    SERVER_MOVED(0x9D),
    CONNECTION_RATE_EXCEEDED(0x9F);

    private static final ConnAckReason[] BY_VALUE = ReasonCode.indexByValue(ConnAckReason.class);
    private final int value;

    ConnAckReason(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    /** The code for a wire byte, or null when the byte is not a valid code for this packet (a malformed packet). */
    public static @Nullable ConnAckReason fromValue(int value) {
        return value >= 0 && value < 256 ? BY_VALUE[value] : null;
    }
}
