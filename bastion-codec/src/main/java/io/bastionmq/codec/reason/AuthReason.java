package io.bastionmq.codec.reason;

import org.jspecify.annotations.Nullable;

/** AUTH reason codes, MQTT5 3.15.2.1 Table 3-11. */
public enum AuthReason implements ReasonCode {
    SUCCESS(0x00),
    CONTINUE_AUTHENTICATION(0x18),
    RE_AUTHENTICATE(0x19);

    private static final AuthReason[] BY_VALUE = ReasonCode.indexByValue(AuthReason.class);
    private final int value;

    AuthReason(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    /** The code for a wire byte, or null when the byte is not a valid code for this packet (a malformed packet). */
    public static @Nullable AuthReason fromValue(int value) {
        return value >= 0 && value < 256 ? BY_VALUE[value] : null;
    }
}
