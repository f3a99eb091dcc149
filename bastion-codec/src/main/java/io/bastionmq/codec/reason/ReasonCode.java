package io.bastionmq.codec.reason;

/** A reason code as the MQTT 5 specification defines it (MQTT5 2.4): one byte on the wire. */
public interface ReasonCode {
    /** The byte written on the wire. */
    int value();

    /** MQTT5 2.4: a reason code of 0x80 or greater indicates failure. */
    default boolean isError() {
        return value() >= 0x80;
    }

    /** Builds the byte-indexed lookup table for an enum of reason codes; a duplicate value is a bug. */
    static <E extends Enum<E> & ReasonCode> E[] indexByValue(Class<E> type) {
        @SuppressWarnings("unchecked")
        E[] table = (E[]) java.lang.reflect.Array.newInstance(type, 256);
        for (E code : type.getEnumConstants()) {
            if (table[code.value()] != null) {
                throw new IllegalStateException(type.getSimpleName() + " repeats value " + code.value());
            }
            table[code.value()] = code;
        }
        return table;
    }
}
