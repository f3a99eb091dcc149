package io.bastionmq.codec.decode;

import io.bastionmq.codec.reason.ProtocolViolation;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.reason.DisconnectReason;
import io.bastionmq.codec.wire.Property;
import io.bastionmq.codec.wire.PropertyContext;
import io.bastionmq.codec.wire.VariableByteInteger;
import io.netty.buffer.ByteBuf;

/**
 * Reads an MQTT 5 property list (MQTT5 2.2.2):
 *
 * <pre>
 *   Property Length (Variable Byte Integer) | { Identifier (VBI) | value } ...
 * </pre>
 *
 * The whole list is read from a slice of exactly Property Length bytes, so a value that runs past
 * the list, or a list that runs past the packet, is malformed. The per-value rules of the
 * specification are checked here, the per-packet ones (a SUBSCRIBE with two Subscription
 * Identifiers, a PUBLISH with an empty topic and no alias) by the packet decoders.
 */
final class PropertiesDecoder {
    private PropertiesDecoder() {}

    static Properties decode(ByteBuf in, PropertyContext context) {
        int length = VariableByteInteger.read(in, "property length");
        if (length > in.readableBytes()) {
            throw Violations.malformed("MQTT5 2.2.2.1", "property length " + length + " runs past the end of the packet");
        }
        if (length == 0) {
            return Properties.EMPTY;
        }
        ByteBuf list = in.readSlice(length);
        Properties.Builder builder = Properties.builder();
        while (list.isReadable()) {
            // MQTT5 2.2.2.2: the identifier is a Variable Byte Integer, one byte long in this version.
            int id = VariableByteInteger.read(list, "property identifier");
            Property property = Property.fromId(id);
            if (property == null || !property.allowedIn(context)) {
                // MQTT5 2.2.2.2: an identifier not valid for the packet type is a malformed packet.
                throw Violations.malformed("MQTT5 2.2.2.2", "property 0x" + Integer.toHexString(id) + " not allowed in " + context);
            }
            read(list, property, builder);
        }
        // MQTT5 3.1.2.11.10 (CONNECT), 3.2.2.3.18 (CONNACK): data without a method is a protocol error.
        if (builder.has(Property.AUTHENTICATION_DATA) && !builder.has(Property.AUTHENTICATION_METHOD)) {
            throw Violations.protocolError("MQTT5 3.1.2.11.10", "authentication data without authentication method");
        }
        return builder.build();
    }

    private static void read(ByteBuf in, Property property, Properties.Builder builder) {
        String what = property.name();
        switch (property) {
            case USER_PROPERTY -> {
                String name = Fields.readString(in, "user property name");
                builder.addUserProperty(name, Fields.readString(in, "user property value"));
                return;
            }
            case SUBSCRIPTION_IDENTIFIER -> {
                int id = VariableByteInteger.read(in, what);
                if (id == 0) {
                    throw Violations.protocolError("MQTT5 3.3.2.3.8", "subscription identifier 0"); // also MQTT5 3.8.2.1.2
                }
                builder.addSubscriptionIdentifier(id);
                return;
            }
            default -> { }
        }
        if (builder.has(property)) {
            // MQTT5 2.2.2.2 and each property's own section: it is a Protocol Error to include it more than once.
            throw Violations.protocolError("MQTT5 2.2.2.2", what + " included more than once");
        }
        Object value = switch (property.type()) {
            case BYTE -> checkByte(property, Fields.readByte(in, what));
            case TWO_BYTE_INTEGER -> checkShort(property, Fields.readShort(in, what));
            case FOUR_BYTE_INTEGER -> checkInt(property, Fields.readInt(in, what));
            case VARIABLE_BYTE_INTEGER -> VariableByteInteger.read(in, what);
            case UTF8_STRING -> Fields.readString(in, what);
            case BINARY_DATA -> Fields.readBinary(in, what);
            case UTF8_STRING_PAIR -> throw new IllegalStateException("user property handled above");
        };
        builder.set(property, value);
    }

    /** Every Byte property of Table 2-4 is a 0/1 flag, except that Maximum QoS is 0 or 1 too. */
    private static Integer checkByte(Property property, int value) {
        if (value > 1) {
            String clause = switch (property) {
                case PAYLOAD_FORMAT_INDICATOR -> "MQTT5 3.3.2.3.2";
                case REQUEST_PROBLEM_INFORMATION -> "MQTT5 3.1.2.11.7";
                case REQUEST_RESPONSE_INFORMATION -> "MQTT5 3.1.2.11.6";
                case MAXIMUM_QOS -> "MQTT5 3.2.2.3.4";
                case RETAIN_AVAILABLE -> "MQTT5 3.2.2.3.5";
                case WILDCARD_SUBSCRIPTION_AVAILABLE -> "MQTT5 3.2.2.3.11";
                case SUBSCRIPTION_IDENTIFIER_AVAILABLE -> "MQTT5 3.2.2.3.12";
                case SHARED_SUBSCRIPTION_AVAILABLE -> "MQTT5 3.2.2.3.13";
                default -> "MQTT5 2.2.2.2";
            };
            throw Violations.protocolError(clause, property + " must be 0 or 1, was " + value);
        }
        return value;
    }

    private static Integer checkShort(Property property, int value) {
        if (value == 0) {
            switch (property) {
                case RECEIVE_MAXIMUM -> throw Violations.protocolError("MQTT5 3.1.2.11.3", "receive maximum 0"); // also 3.2.2.3.3
                case TOPIC_ALIAS -> throw new ProtocolViolation(DisconnectReason.TOPIC_ALIAS_INVALID, "MQTT5 3.3.2.3.4", "topic alias 0");
                default -> { }
            }
        }
        return value;
    }

    private static Long checkInt(Property property, long value) {
        if (value == 0 && property == Property.MAXIMUM_PACKET_SIZE) {
            throw Violations.protocolError("MQTT5 3.1.2.11.4", "maximum packet size 0"); // also 3.2.2.3.6
        }
        return value;
    }
}
