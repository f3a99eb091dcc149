package io.bastionmq.codec.reason;

import org.jspecify.annotations.Nullable;

/** PUBREC reason codes, MQTT5 3.5.2.1 Table 3-5. */
public enum PubRecReason implements ReasonCode {
    SUCCESS(0x00),
    NO_MATCHING_SUBSCRIBERS(0x10),
    UNSPECIFIED_ERROR(0x80),
    IMPLEMENTATION_SPECIFIC_ERROR(0x83),
    NOT_AUTHORIZED(0x87),
    TOPIC_NAME_INVALID(0x90),
    PACKET_IDENTIFIER_IN_USE(0x91),
    QUOTA_EXCEEDED(0x97),
    PAYLOAD_FORMAT_INVALID(0x99);

    private static final PubRecReason[] BY_VALUE = ReasonCode.indexByValue(PubRecReason.class);
    private final int value;

    PubRecReason(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    /** The code for a wire byte, or null when the byte is not a valid code for this packet (a malformed packet). */
    public static @Nullable PubRecReason fromValue(int value) {
        return value >= 0 && value < 256 ? BY_VALUE[value] : null;
    }
}
