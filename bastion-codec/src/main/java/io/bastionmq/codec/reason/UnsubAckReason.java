package io.bastionmq.codec.reason;

import org.jspecify.annotations.Nullable;

/** UNSUBACK reason codes, MQTT5 3.11.3 Table 3-9. 3.1.1 UNSUBACK carries no codes. */
public enum UnsubAckReason implements ReasonCode {
    SUCCESS(0x00),
    NO_SUBSCRIPTION_EXISTED(0x11),
    UNSPECIFIED_ERROR(0x80),
    IMPLEMENTATION_SPECIFIC_ERROR(0x83),
    NOT_AUTHORIZED(0x87),
    TOPIC_FILTER_INVALID(0x8F),
    PACKET_IDENTIFIER_IN_USE(0x91);

    private static final UnsubAckReason[] BY_VALUE = ReasonCode.indexByValue(UnsubAckReason.class);
    private final int value;

    UnsubAckReason(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    /** The code for a wire byte, or null when the byte is not a valid code for this packet (a malformed packet). */
    public static @Nullable UnsubAckReason fromValue(int value) {
        return value >= 0 && value < 256 ? BY_VALUE[value] : null;
    }
}
