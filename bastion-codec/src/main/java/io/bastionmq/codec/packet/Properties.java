package io.bastionmq.codec.packet;

import io.bastionmq.codec.wire.Property;
import io.bastionmq.codec.wire.PropertyType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The MQTT 5 properties of one packet, immutable. 3.1.1 packets carry {@link #EMPTY}.
 *
 * <p>Values are typed by {@link PropertyType}: BYTE, TWO_BYTE_INTEGER and VARIABLE_BYTE_INTEGER
 * as {@link Integer}; FOUR_BYTE_INTEGER as {@link Long} (unsigned 32 bits); UTF8_STRING as
 * {@link String}; BINARY_DATA as {@link Payload}. The two repeatable properties have lists of
 * their own: {@link #userProperties()} and {@link #subscriptionIdentifiers()}.
 */
public final class Properties {
    public static final Properties EMPTY = new Properties(new Object[Property.values().length], List.of(), List.of());

    private final @Nullable Object[] values;
    private final List<UserProperty> userProperties;
    private final List<Integer> subscriptionIdentifiers;

    private Properties(@Nullable Object[] values, List<UserProperty> userProperties, List<Integer> subscriptionIdentifiers) {
        this.values = values;
        this.userProperties = userProperties;
        this.subscriptionIdentifiers = subscriptionIdentifiers;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from these properties. */
    public Builder toBuilder() {
        Builder b = new Builder();
        System.arraycopy(values, 0, b.values, 0, values.length);
        b.userProperties.addAll(userProperties);
        b.subscriptionIdentifiers.addAll(subscriptionIdentifiers);
        return b;
    }

    public boolean isEmpty() {
        if (!userProperties.isEmpty() || !subscriptionIdentifiers.isEmpty()) {
            return false;
        }
        for (Object v : values) {
            if (v != null) {
                return false;
            }
        }
        return true;
    }

    public boolean has(Property property) {
        return switch (property) {
            case USER_PROPERTY -> !userProperties.isEmpty();
            case SUBSCRIPTION_IDENTIFIER -> !subscriptionIdentifiers.isEmpty();
            default -> values[property.ordinal()] != null;
        };
    }

    /** The raw value of a single-valued property (see the class comment for types), or null. */
    public @Nullable Object get(Property property) {
        return values[property.ordinal()];
    }

    public @Nullable Integer intValue(Property property) {
        return (Integer) values[property.ordinal()];
    }

    public @Nullable Long longValue(Property property) {
        return (Long) values[property.ordinal()];
    }

    public @Nullable String string(Property property) {
        return (String) values[property.ordinal()];
    }

    public @Nullable Payload binary(Property property) {
        return (Payload) values[property.ordinal()];
    }

    public List<UserProperty> userProperties() {
        return userProperties;
    }

    public List<Integer> subscriptionIdentifiers() {
        return subscriptionIdentifiers;
    }

    // Convenience accessors for the properties the broker reads most.

    public @Nullable Long sessionExpiryInterval() {
        return longValue(Property.SESSION_EXPIRY_INTERVAL);
    }

    public @Nullable Long messageExpiryInterval() {
        return longValue(Property.MESSAGE_EXPIRY_INTERVAL);
    }

    public @Nullable Integer topicAlias() {
        return intValue(Property.TOPIC_ALIAS);
    }

    public @Nullable Integer receiveMaximum() {
        return intValue(Property.RECEIVE_MAXIMUM);
    }

    public @Nullable Long maximumPacketSize() {
        return longValue(Property.MAXIMUM_PACKET_SIZE);
    }

    public @Nullable Integer topicAliasMaximum() {
        return intValue(Property.TOPIC_ALIAS_MAXIMUM);
    }

    public @Nullable String authenticationMethod() {
        return string(Property.AUTHENTICATION_METHOD);
    }

    public @Nullable String reasonString() {
        return string(Property.REASON_STRING);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Properties p
                && Arrays.equals(values, p.values)
                && userProperties.equals(p.userProperties)
                && subscriptionIdentifiers.equals(p.subscriptionIdentifiers);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values) * 31 + userProperties.hashCode() * 17 + subscriptionIdentifiers.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Properties[");
        for (Property p : Property.values()) {
            Object v = values[p.ordinal()];
            if (v != null) {
                sb.append(p).append('=').append(v).append(", ");
            }
        }
        if (!userProperties.isEmpty()) {
            sb.append("user=").append(userProperties).append(", ");
        }
        if (!subscriptionIdentifiers.isEmpty()) {
            sb.append("subscriptionIds=").append(subscriptionIdentifiers);
        }
        return sb.append(']').toString();
    }

    /** Collects property values; {@link #build()} checks each value's Java type against its property. */
    public static final class Builder {
        private final @Nullable Object[] values = new Object[Property.values().length];
        private final List<UserProperty> userProperties = new ArrayList<>();
        private final List<Integer> subscriptionIdentifiers = new ArrayList<>();

        private Builder() {}

        /** Sets a single-valued property; null removes it. */
        public Builder set(Property property, @Nullable Object value) {
            if (property.mayRepeat()) {
                throw new IllegalArgumentException(property + " repeats: use addUserProperty/addSubscriptionIdentifier");
            }
            if (value != null && !typeMatches(property.type(), value)) {
                throw new IllegalArgumentException(property + " takes " + property.type() + ", not " + value.getClass().getSimpleName());
            }
            if (value != null && !inRange(property.type(), value)) {
                throw new IllegalArgumentException(property + " value out of range for " + property.type() + ": " + value);
            }
            values[property.ordinal()] = value;
            return this;
        }

        public boolean has(Property property) {
            return values[property.ordinal()] != null;
        }

        public Builder addUserProperty(String name, String value) {
            userProperties.add(new UserProperty(name, value));
            return this;
        }

        public Builder addUserProperties(List<UserProperty> properties) {
            userProperties.addAll(properties);
            return this;
        }

        public Builder addSubscriptionIdentifier(int identifier) {
            if (identifier < 1 || identifier > 268_435_455) {
                throw new IllegalArgumentException("subscription identifier out of range (MQTT5 3.3.2.3.8): " + identifier);
            }
            subscriptionIdentifiers.add(identifier);
            return this;
        }

        public Builder clearSubscriptionIdentifiers() {
            subscriptionIdentifiers.clear();
            return this;
        }

        public int userPropertyCount() {
            return userProperties.size();
        }

        public Properties build() {
            boolean empty = userProperties.isEmpty() && subscriptionIdentifiers.isEmpty();
            for (Object v : values) {
                empty &= v == null;
            }
            if (empty) {
                return EMPTY;
            }
            return new Properties(values.clone(), List.copyOf(userProperties), List.copyOf(subscriptionIdentifiers));
        }

        /** MQTT5 1.5: the value ranges of the integer data types. */
        private static boolean inRange(PropertyType type, Object value) {
            return switch (type) {
                case BYTE -> (Integer) value >= 0 && (Integer) value <= 0xFF;
                case TWO_BYTE_INTEGER -> (Integer) value >= 0 && (Integer) value <= 0xFFFF;
                case FOUR_BYTE_INTEGER -> (Long) value >= 0 && (Long) value <= 0xFFFF_FFFFL;
                case VARIABLE_BYTE_INTEGER -> (Integer) value >= 0 && (Integer) value <= 268_435_455;
                default -> true;
            };
        }

        private static boolean typeMatches(PropertyType type, Object value) {
            return switch (type) {
                case BYTE, TWO_BYTE_INTEGER, VARIABLE_BYTE_INTEGER -> value instanceof Integer;
                case FOUR_BYTE_INTEGER -> value instanceof Long;
                case UTF8_STRING -> value instanceof String;
                case BINARY_DATA -> value instanceof Payload;
                case UTF8_STRING_PAIR -> value instanceof UserProperty;
            };
        }
    }
}
