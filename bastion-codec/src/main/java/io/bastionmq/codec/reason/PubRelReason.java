package io.bastionmq.codec.reason;

import org.jspecify.annotations.Nullable;

/** PUBREL reason codes, MQTT5 3.6.2.1 Table 3-6. */
public enum PubRelReason implements ReasonCode {
    SUCCESS(0x00),
    PACKET_IDENTIFIER_NOT_FOUND(0x92);

    private static final PubRelReason[] BY_VALUE = ReasonCode.indexByValue(PubRelReason.class);
    private final int value;

    PubRelReason(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    /** The code for a wire byte, or null when the byte is not a valid code for this packet (a malformed packet). */
    public static @Nullable PubRelReason fromValue(int value) {
        return value >= 0 && value < 256 ? BY_VALUE[value] : null;
    }
}
