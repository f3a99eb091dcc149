package io.bastionmq.codec.packet;

import org.jspecify.annotations.Nullable;

/**
 * Control packet types (MQTT5 2.1.2 Table 2-1, MQTT-2.2.1) with the fixed-header flags each one
 * must carry (MQTT5 2.1.3 Table 2-2). PUBLISH flags vary and are checked by its decoder.
 */
public enum PacketType {
    CONNECT(1, 0b0000),
    CONNACK(2, 0b0000),
    PUBLISH(3, -1),
    PUBACK(4, 0b0000),
    PUBREC(5, 0b0000),
    PUBREL(6, 0b0010),
    PUBCOMP(7, 0b0000),
    SUBSCRIBE(8, 0b0010),
    SUBACK(9, 0b0000),
    UNSUBSCRIBE(10, 0b0010),
    UNSUBACK(11, 0b0000),
    PINGREQ(12, 0b0000),
    PINGRESP(13, 0b0000),
    DISCONNECT(14, 0b0000),
    /** MQTT 5 only. */
    AUTH(15, 0b0000);

    private static final PacketType[] BY_VALUE = new PacketType[16];

    static {
        for (PacketType t : values()) {
            BY_VALUE[t.value] = t;
        }
    }

    private final int value;
    private final int requiredFlags;

    PacketType(int value, int requiredFlags) {
        this.value = value;
        this.requiredFlags = requiredFlags;
    }

    public int value() {
        return value;
    }

    /** The flags the fixed header must carry, or -1 where they carry data (PUBLISH). */
    public int requiredFlags() {
        return requiredFlags;
    }

    /** Type 0 is reserved (forbidden); returns null for it. */
    public static @Nullable PacketType fromValue(int value) {
        return value > 0 && value < 16 ? BY_VALUE[value] : null;
    }
}
