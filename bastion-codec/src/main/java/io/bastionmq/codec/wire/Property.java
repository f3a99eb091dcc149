package io.bastionmq.codec.wire;

import static io.bastionmq.codec.wire.PropertyContext.*;
import static io.bastionmq.codec.wire.PropertyType.*;

import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * MQTT 5 properties: identifier, data type and the packets that may carry each one
 * (MQTT5 2.2.2.2, Table 2-4). A property in a packet not listed here is a protocol error;
 * an unknown identifier is a malformed packet.
 */
public enum Property {
    PAYLOAD_FORMAT_INDICATOR(0x01, BYTE, EnumSet.of(PUBLISH, WILL)),
    MESSAGE_EXPIRY_INTERVAL(0x02, FOUR_BYTE_INTEGER, EnumSet.of(PUBLISH, WILL)),
    CONTENT_TYPE(0x03, UTF8_STRING, EnumSet.of(PUBLISH, WILL)),
    RESPONSE_TOPIC(0x08, UTF8_STRING, EnumSet.of(PUBLISH, WILL)),
    CORRELATION_DATA(0x09, BINARY_DATA, EnumSet.of(PUBLISH, WILL)),
    /** May repeat in PUBLISH (one per matching subscription, MQTT5 3.3.4). */
    SUBSCRIPTION_IDENTIFIER(0x0B, VARIABLE_BYTE_INTEGER, EnumSet.of(PUBLISH, SUBSCRIBE)),
    SESSION_EXPIRY_INTERVAL(0x11, FOUR_BYTE_INTEGER, EnumSet.of(CONNECT, CONNACK, DISCONNECT)),
    ASSIGNED_CLIENT_IDENTIFIER(0x12, UTF8_STRING, EnumSet.of(CONNACK)),
    SERVER_KEEP_ALIVE(0x13, TWO_BYTE_INTEGER, EnumSet.of(CONNACK)),
    AUTHENTICATION_METHOD(0x15, UTF8_STRING, EnumSet.of(CONNECT, CONNACK, AUTH)),
    AUTHENTICATION_DATA(0x16, BINARY_DATA, EnumSet.of(CONNECT, CONNACK, AUTH)),
    REQUEST_PROBLEM_INFORMATION(0x17, BYTE, EnumSet.of(CONNECT)),
    WILL_DELAY_INTERVAL(0x18, FOUR_BYTE_INTEGER, EnumSet.of(WILL)),
    REQUEST_RESPONSE_INFORMATION(0x19, BYTE, EnumSet.of(CONNECT)),
    RESPONSE_INFORMATION(0x1A, UTF8_STRING, EnumSet.of(CONNACK)),
    SERVER_REFERENCE(0x1C, UTF8_STRING, EnumSet.of(CONNACK, DISCONNECT)),
    REASON_STRING(0x1F, UTF8_STRING,
            EnumSet.of(CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK, DISCONNECT, AUTH)),
    RECEIVE_MAXIMUM(0x21, TWO_BYTE_INTEGER, EnumSet.of(CONNECT, CONNACK)),
    TOPIC_ALIAS_MAXIMUM(0x22, TWO_BYTE_INTEGER, EnumSet.of(CONNECT, CONNACK)),
    TOPIC_ALIAS(0x23, TWO_BYTE_INTEGER, EnumSet.of(PUBLISH)),
    MAXIMUM_QOS(0x24, BYTE, EnumSet.of(CONNACK)),
    RETAIN_AVAILABLE(0x25, BYTE, EnumSet.of(CONNACK)),
    /** May repeat, and may appear in every packet that has properties. */
    USER_PROPERTY(0x26, UTF8_STRING_PAIR, EnumSet.allOf(PropertyContext.class)),
    MAXIMUM_PACKET_SIZE(0x27, FOUR_BYTE_INTEGER, EnumSet.of(CONNECT, CONNACK)),
    WILDCARD_SUBSCRIPTION_AVAILABLE(0x28, BYTE, EnumSet.of(CONNACK)),
    SUBSCRIPTION_IDENTIFIER_AVAILABLE(0x29, BYTE, EnumSet.of(CONNACK)),
    SHARED_SUBSCRIPTION_AVAILABLE(0x2A, BYTE, EnumSet.of(CONNACK));

    private static final Property[] BY_ID = new Property[128];

    static {
        for (Property p : values()) {
            BY_ID[p.id] = p;
        }
    }

    private final int id;
    private final PropertyType type;
    private final Set<PropertyContext> allowedIn;

    Property(int id, PropertyType type, Set<PropertyContext> allowedIn) {
        this.id = id;
        this.type = type;
        this.allowedIn = allowedIn;
    }

    public int id() {
        return id;
    }

    public PropertyType type() {
        return type;
    }

    public boolean allowedIn(PropertyContext context) {
        return allowedIn.contains(context);
    }

    /** Only these two may appear more than once (MQTT5 2.2.2.2). */
    public boolean mayRepeat() {
        return this == USER_PROPERTY || this == SUBSCRIPTION_IDENTIFIER;
    }

    public static @Nullable Property fromId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
