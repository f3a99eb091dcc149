package io.bastionmq.connection;

import io.bastionmq.codec.packet.Payload;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.QoS;
import io.bastionmq.codec.wire.Property;
import io.bastionmq.routing.Message;

/**
 * The one place where a wire PUBLISH (or will) becomes a domain {@link Message}: which properties
 * travel on to subscribers unaltered (MQTT5 3.3.2.3: payload format, content type, response
 * topic, correlation data, user properties) and when the message expires.
 */
final class MessageFactory {
    private static final Property[] FORWARDED = {
        Property.PAYLOAD_FORMAT_INDICATOR, Property.CONTENT_TYPE, Property.RESPONSE_TOPIC, Property.CORRELATION_DATA,
    };

    private MessageFactory() {}

    static Message create(String topic, Payload payload, QoS qos, boolean retain, Properties wire, long nowMillis,
                          String originClientId) {
        Long expiry = wire.messageExpiryInterval();
        long expiresAt = expiry == null ? Message.NO_EXPIRY : nowMillis + expiry * 1000L;
        return new Message(topic, payload, qos, retain, forwarded(wire), expiresAt, originClientId);
    }

    private static Properties forwarded(Properties wire) {
        if (wire.isEmpty()) {
            return Properties.EMPTY;
        }
        Properties.Builder b = Properties.builder();
        for (Property p : FORWARDED) {
            b.set(p, wire.get(p));
        }
        b.addUserProperties(wire.userProperties());
        return b.build();
    }
}
