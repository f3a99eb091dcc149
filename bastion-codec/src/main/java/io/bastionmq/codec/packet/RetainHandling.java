package io.bastionmq.codec.packet;

import org.jspecify.annotations.Nullable;

/** Subscription option "Retain Handling" (MQTT5 3.8.3.1). */
public enum RetainHandling {
    /** 0: send retained messages at the time of the subscribe. */
    SEND_ON_SUBSCRIBE,
    /** 1: send retained messages only if the subscription does not currently exist. */
    SEND_IF_NEW_SUBSCRIPTION,
    /** 2: do not send retained messages. */
    DO_NOT_SEND;

    private static final RetainHandling[] VALUES = values();

    public int value() {
        return ordinal();
    }

    /** Null for 3, a protocol error (MQTT5 3.8.3.1). */
    public static @Nullable RetainHandling fromValue(int value) {
        return value >= 0 && value < 3 ? VALUES[value] : null;
    }
}
