package io.bastionmq.codec.encode;

import io.bastionmq.codec.packet.Payload;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.UserProperty;
import io.bastionmq.codec.wire.Property;
import io.bastionmq.codec.wire.PropertyContext;
import io.bastionmq.codec.wire.VariableByteInteger;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Writes an MQTT 5 property list (MQTT5 2.2.2):
 *
 * <pre>
 *   | Property Length (VBI) | identifier | value | identifier | value | ...
 * </pre>
 *
 * Properties go out in {@link Property} order, which is identifier order; the two repeatable
 * ones are written at their place in that order, each value behind its own identifier: user
 * properties in the order given (MQTT5 3.1.2.11.8 keeps it significant), subscription identifiers
 * as Variable Byte Integers (MQTT5 3.3.4). An identifier is itself a Variable Byte Integer, but
 * every defined one is below 128, so it takes one byte.
 *
 * <p>{@link #size} validates everything {@link #write} relies on; call it first.
 */
final class PropertiesEncoder {
    /** Property.values() clones its array on every call; the encoder runs per packet. */
    private static final Property[] ALL = Property.values();

    private static final long MAX_FOUR_BYTE = 0xFFFF_FFFFL;

    private PropertiesEncoder() {}

    /**
     * The bytes of the properties themselves, without the Property Length in front. Rejects a
     * property that Table 2-4 (MQTT5 2.2.2.2) does not allow in {@code context}, and values that
     * do not fit their data type.
     */
    static int size(Properties properties, PropertyContext context) {
        if (properties == Properties.EMPTY) {
            return 0; // the builder returns EMPTY for every empty set: the common case costs nothing
        }
        long size = 0;
        for (Property property : ALL) {
            switch (property) {
                case USER_PROPERTY -> size += userPropertiesSize(properties.userProperties(), context);
                case SUBSCRIPTION_IDENTIFIER -> size += subscriptionIdentifiersSize(properties.subscriptionIdentifiers(), context);
                default -> {
                    Object value = properties.get(property);
                    if (value != null) {
                        checkAllowed(property, context);
                        size += 1 + valueSize(property, value);
                    }
                }
            }
        }
        if (size > VariableByteInteger.MAX_VALUE) {
            throw new IllegalArgumentException("property length " + size + " exceeds 268,435,455 (MQTT5 2.2.2.1)");
        }
        return (int) size;
    }

    /** The Property Length field plus the properties. */
    static int sectionSize(int propertiesSize) {
        return VariableByteInteger.size(propertiesSize) + propertiesSize;
    }

    /** Writes the Property Length and the properties, whose size {@link #size} measured. */
    static void write(ByteBuf out, Properties properties, int propertiesSize) {
        VariableByteInteger.write(out, propertiesSize);
        if (propertiesSize == 0) {
            return;
        }
        for (Property property : ALL) {
            switch (property) {
                case USER_PROPERTY -> writeUserProperties(out, properties.userProperties());
                case SUBSCRIPTION_IDENTIFIER -> writeSubscriptionIdentifiers(out, properties.subscriptionIdentifiers());
                default -> {
                    Object value = properties.get(property);
                    if (value != null) {
                        out.writeByte(property.id());
                        writeValue(out, property, value);
                    }
                }
            }
        }
    }

    private static void checkAllowed(Property property, PropertyContext context) {
        if (!property.allowedIn(context)) {
            throw new IllegalArgumentException(property + " is not allowed in " + context + " (MQTT5 2.2.2.2, Table 2-4)");
        }
    }

    // Indexed loops: the lists are immutable random-access lists, and no iterator is allocated.

    private static long userPropertiesSize(List<UserProperty> userProperties, PropertyContext context) {
        if (userProperties.isEmpty()) {
            return 0;
        }
        checkAllowed(Property.USER_PROPERTY, context);
        long size = 0;
        for (int i = 0; i < userProperties.size(); i++) {
            UserProperty pair = userProperties.get(i);
            size += 1 + DataTypes.utf8Size(pair.name()) + DataTypes.utf8Size(pair.value()); // MQTT5 1.5.7
        }
        return size;
    }

    private static long subscriptionIdentifiersSize(List<Integer> identifiers, PropertyContext context) {
        if (identifiers.isEmpty()) {
            return 0;
        }
        checkAllowed(Property.SUBSCRIPTION_IDENTIFIER, context);
        if (context == PropertyContext.SUBSCRIBE && identifiers.size() > 1) {
            throw new IllegalArgumentException("SUBSCRIBE carries at most one subscription identifier (MQTT5 3.8.2.1.2)");
        }
        long size = 0;
        for (int i = 0; i < identifiers.size(); i++) {
            int id = identifiers.get(i);
            if (id < 1) { // MQTT5 3.8.2.1.2: 1 to 268,435,455; 0 is a protocol error
                throw new IllegalArgumentException("subscription identifier must be 1..268,435,455 (MQTT5 3.8.2.1.2): " + id);
            }
            size += 1 + VariableByteInteger.size(id);
        }
        return size;
    }

    private static int valueSize(Property property, Object value) {
        return switch (property.type()) {
            case BYTE -> checkRange(property, (Integer) value, 0xFF, 1);
            case TWO_BYTE_INTEGER -> checkRange(property, (Integer) value, DataTypes.MAX_TWO_BYTE, 2);
            case FOUR_BYTE_INTEGER -> {
                long v = (Long) value;
                if (v < 0 || v > MAX_FOUR_BYTE) {
                    throw new IllegalArgumentException(property + " must be 0..4,294,967,295 (MQTT5 1.5.3): " + v);
                }
                yield 4;
            }
            case VARIABLE_BYTE_INTEGER -> VariableByteInteger.size((Integer) value);
            case UTF8_STRING -> DataTypes.utf8Size((String) value);
            case BINARY_DATA -> DataTypes.binarySize((Payload) value);
            // Only USER_PROPERTY has this type, and it is never a single value (Properties.Builder.set refuses it).
            case UTF8_STRING_PAIR -> throw new IllegalArgumentException(property + " held as a single value");
        };
    }

    private static int checkRange(Property property, int value, int max, int bytes) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(property + " must be 0.." + max + " (MQTT5 1.5): " + value);
        }
        return bytes;
    }

    private static void writeValue(ByteBuf out, Property property, Object value) {
        switch (property.type()) {
            case BYTE -> out.writeByte((Integer) value);
            case TWO_BYTE_INTEGER -> out.writeShort((Integer) value);
            case FOUR_BYTE_INTEGER -> out.writeInt((int) (long) (Long) value); // big-endian, MQTT5 1.5.3
            case VARIABLE_BYTE_INTEGER -> VariableByteInteger.write(out, (Integer) value);
            case UTF8_STRING -> DataTypes.writeUtf8(out, (String) value);
            case BINARY_DATA -> DataTypes.writeBinary(out, (Payload) value);
            case UTF8_STRING_PAIR -> throw new IllegalArgumentException(property + " held as a single value");
        }
    }

    private static void writeUserProperties(ByteBuf out, List<UserProperty> userProperties) {
        for (int i = 0; i < userProperties.size(); i++) {
            UserProperty pair = userProperties.get(i);
            out.writeByte(Property.USER_PROPERTY.id());
            DataTypes.writeUtf8(out, pair.name());
            DataTypes.writeUtf8(out, pair.value());
        }
    }

    private static void writeSubscriptionIdentifiers(ByteBuf out, List<Integer> identifiers) {
        for (int i = 0; i < identifiers.size(); i++) {
            out.writeByte(Property.SUBSCRIPTION_IDENTIFIER.id());
            VariableByteInteger.write(out, identifiers.get(i));
        }
    }
}
