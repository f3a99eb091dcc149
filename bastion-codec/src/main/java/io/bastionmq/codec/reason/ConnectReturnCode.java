package io.bastionmq.codec.reason;

import org.jspecify.annotations.Nullable;

/**
 * MQTT 3.1.1 CONNACK return codes (MQTT-3.2.2.3, Table 3.1), and the one table that maps the
 * MQTT 5 CONNACK reasons onto them.
 */
public enum ConnectReturnCode {
    ACCEPTED(0x00),
    UNACCEPTABLE_PROTOCOL_VERSION(0x01),
    IDENTIFIER_REJECTED(0x02),
    SERVER_UNAVAILABLE(0x03),
    BAD_USER_NAME_OR_PASSWORD(0x04),
    NOT_AUTHORIZED(0x05);

    private final int value;

    ConnectReturnCode(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static @Nullable ConnectReturnCode fromValue(int value) {
        for (ConnectReturnCode code : values()) {
            if (code.value == value) {
                return code;
            }
        }
        return null;
    }

    /**
     * The 3.1.1 return code for an MQTT 5 CONNACK reason, or null where 3.1.1 has no code and the
     * server must close the connection without a CONNACK (a malformed CONNECT, MQTT-3.1.4-1).
     */
    public static @Nullable ConnectReturnCode forV5(ConnAckReason reason) {
        return switch (reason) {
            case SUCCESS -> ACCEPTED;
            case UNSUPPORTED_PROTOCOL_VERSION -> UNACCEPTABLE_PROTOCOL_VERSION;
            case CLIENT_IDENTIFIER_NOT_VALID -> IDENTIFIER_REJECTED;
            case BAD_USER_NAME_OR_PASSWORD, BAD_AUTHENTICATION_METHOD -> BAD_USER_NAME_OR_PASSWORD;
            case NOT_AUTHORIZED, BANNED -> NOT_AUTHORIZED;
            case SERVER_UNAVAILABLE, SERVER_BUSY, USE_ANOTHER_SERVER, SERVER_MOVED, CONNECTION_RATE_EXCEEDED,
                 QUOTA_EXCEEDED, UNSPECIFIED_ERROR, IMPLEMENTATION_SPECIFIC_ERROR -> SERVER_UNAVAILABLE;
            case MALFORMED_PACKET, PROTOCOL_ERROR, TOPIC_NAME_INVALID, PACKET_TOO_LARGE, PAYLOAD_FORMAT_INVALID,
                 RETAIN_NOT_SUPPORTED, QOS_NOT_SUPPORTED -> null;
        };
    }

    /** The MQTT 5 reason a 3.1.1 return code stands for (used when decoding a 3.1.1 CONNACK). */
    public ConnAckReason toV5() {
        return switch (this) {
            case ACCEPTED -> ConnAckReason.SUCCESS;
            case UNACCEPTABLE_PROTOCOL_VERSION -> ConnAckReason.UNSUPPORTED_PROTOCOL_VERSION;
            case IDENTIFIER_REJECTED -> ConnAckReason.CLIENT_IDENTIFIER_NOT_VALID;
            case SERVER_UNAVAILABLE -> ConnAckReason.SERVER_UNAVAILABLE;
            case BAD_USER_NAME_OR_PASSWORD -> ConnAckReason.BAD_USER_NAME_OR_PASSWORD;
            case NOT_AUTHORIZED -> ConnAckReason.NOT_AUTHORIZED;
        };
    }
}
