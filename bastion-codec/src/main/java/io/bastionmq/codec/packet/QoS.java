package io.bastionmq.codec.packet;

import org.jspecify.annotations.Nullable;

/** Quality of service levels (MQTT5 4.3). */
public enum QoS {
    AT_MOST_ONCE,
    AT_LEAST_ONCE,
    EXACTLY_ONCE;

    private static final QoS[] VALUES = values();

    public int value() {
        return ordinal();
    }

    /** Null for 3, which is malformed wherever a QoS is read (MQTT-3.3.1-4). */
    public static @Nullable QoS fromValue(int value) {
        return value >= 0 && value < 3 ? VALUES[value] : null;
    }

    public QoS min(QoS other) {
        return ordinal() <= other.ordinal() ? this : other;
    }
}
