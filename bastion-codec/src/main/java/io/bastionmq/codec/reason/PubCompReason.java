package io.bastionmq.codec.reason;

import org.jspecify.annotations.Nullable;

/** PUBCOMP reason codes, MQTT5 3.7.2.1 Table 3-7. */
public enum PubCompReason implements ReasonCode {
    SUCCESS(0x00),
    PACKET_IDENTIFIER_NOT_FOUND(0x92);

    private static final PubCompReason[] BY_VALUE = ReasonCode.indexByValue(PubCompReason.class);
    private final int value;

    PubCompReason(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    /** The code for a wire byte, or null when the byte is not a valid code for this packet (a malformed packet). */
    public static @Nullable PubCompReason fromValue(int value) {
        return value >= 0 && value < 256 ? BY_VALUE[value] : null;
    }
}
