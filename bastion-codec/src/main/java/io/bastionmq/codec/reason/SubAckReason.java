package io.bastionmq.codec.reason;

import org.jspecify.annotations.Nullable;

/** SUBACK reason codes, MQTT5 3.9.3 Table 3-8. 3.1.1 allows only 0x00, 0x01, 0x02 and 0x80 (MQTT-3.9.3-2). */
public enum SubAckReason implements ReasonCode {
    GRANTED_QOS_0(0x00),
    GRANTED_QOS_1(0x01),
    GRANTED_QOS_2(0x02),
    UNSPECIFIED_ERROR(0x80),
    IMPLEMENTATION_SPECIFIC_ERROR(0x83),
    NOT_AUTHORIZED(0x87),
    TOPIC_FILTER_INVALID(0x8F),
    PACKET_IDENTIFIER_IN_USE(0x91),
    QUOTA_EXCEEDED(0x97),
    SHARED_SUBSCRIPTIONS_NOT_SUPPORTED(0x9E),
    SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED(0xA1),
    WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED(0xA2);

    private static final SubAckReason[] BY_VALUE = ReasonCode.indexByValue(SubAckReason.class);
    private final int value;

    SubAckReason(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    /** The code for a wire byte, or null when the byte is not a valid code for this packet (a malformed packet). */
    public static @Nullable SubAckReason fromValue(int value) {
        return value >= 0 && value < 256 ? BY_VALUE[value] : null;
    }
}
