package io.bastionmq.store.rocksdb;

import io.bastionmq.codec.packet.Payload;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.UserProperty;
import io.bastionmq.codec.wire.Property;

/**
 * Stores {@link Properties} losslessly, every property type included:
 *
 * <pre>
 * varint n, then n × ( id:1 | value )     single-valued properties, value typed by Property.type():
 *                                          BYTE 1 byte, TWO_BYTE 2 bytes, FOUR_BYTE 4 bytes (unsigned),
 *                                          VBI varint, UTF8 string, BINARY bytes
 * varint u, then u × ( name | value )     user properties, in order (names may repeat)
 * varint s, then s × varint               subscription identifiers, in order
 * </pre>
 *
 * The property id is the spec id (MQTT5 2.2.2.2), not the enum ordinal, so reordering the enum
 * cannot silently reinterpret stored data.
 */
final class PropertiesCodec {
    private static final long FOUR_BYTE_MAX = 0xFFFF_FFFFL;

    private PropertiesCodec() {}

    static void write(RecordWriter out, Properties properties) {
        int count = 0;
        for (Property p : Property.values()) {
            if (!p.mayRepeat() && properties.get(p) != null) {
                count++;
            }
        }
        out.varint(count);
        for (Property p : Property.values()) {
            Object value = p.mayRepeat() ? null : properties.get(p);
            if (value != null) {
                out.byte8(p.id());
                writeValue(out, p, value);
            }
        }
        out.varint(properties.userProperties().size());
        for (UserProperty u : properties.userProperties()) {
            out.string(u.name()).string(u.value());
        }
        out.varint(properties.subscriptionIdentifiers().size());
        for (int id : properties.subscriptionIdentifiers()) {
            out.varint(id);
        }
    }

    static Properties read(RecordReader in) {
        int count = in.varint();
        Properties.Builder b = Properties.builder();
        for (int i = 0; i < count; i++) {
            int id = in.byte8();
            Property p = Property.fromId(id);
            if (p == null || p.mayRepeat()) {
                throw new IllegalStateException("unknown property id 0x" + Integer.toHexString(id));
            }
            b.set(p, readValue(in, p));
        }
        int users = in.varint();
        for (int i = 0; i < users; i++) {
            b.addUserProperty(in.string(), in.string());
        }
        int subscriptionIds = in.varint();
        for (int i = 0; i < subscriptionIds; i++) {
            b.addSubscriptionIdentifier(in.varint());
        }
        return b.build();
    }

    private static void writeValue(RecordWriter out, Property p, Object value) {
        switch (p.type()) {
            case BYTE -> out.byte8(checked(p, (Integer) value, 0xFF));
            case TWO_BYTE_INTEGER -> out.short16(checked(p, (Integer) value, 0xFFFF));
            case VARIABLE_BYTE_INTEGER -> out.varint(checked(p, (Integer) value, Integer.MAX_VALUE));
            case FOUR_BYTE_INTEGER -> {
                long v = (Long) value;
                if (v < 0 || v > FOUR_BYTE_MAX) {
                    throw new IllegalArgumentException(p + " = " + v + " does not fit the 4-byte unsigned wire type");
                }
                out.int32((int) v);
            }
            case UTF8_STRING -> out.string((String) value);
            case BINARY_DATA -> out.bytes(((Payload) value).toByteArray());
            case UTF8_STRING_PAIR -> throw new IllegalStateException(p + " is written as a list");
        }
    }

    private static Object readValue(RecordReader in, Property p) {
        return switch (p.type()) {
            case BYTE -> in.byte8();
            case TWO_BYTE_INTEGER -> in.short16();
            case VARIABLE_BYTE_INTEGER -> in.varint();
            case FOUR_BYTE_INTEGER -> Integer.toUnsignedLong(in.int32());
            case UTF8_STRING -> in.string();
            case BINARY_DATA -> Payload.wrap(in.bytes());
            case UTF8_STRING_PAIR -> throw new IllegalStateException(p + " is read as a list");
        };
    }

    /** Rejects values the wire type cannot carry, so storing never silently truncates. */
    private static int checked(Property p, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(p + " = " + value + " is out of range for " + p.type());
        }
        return value;
    }
}
