package io.bastionmq.routing;

import io.bastionmq.codec.packet.Payload;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.QoS;

/**
 * An application message as the broker routes, queues and stores it: not the wire packet. It has a
 * resolved topic (never an alias), the publish QoS and retain flag, and the properties that travel
 * with the message to subscribers (payload format, content type, response topic, correlation data,
 * user properties; MQTT5 3.3.2.3). Topic alias and subscription identifiers are per connection and
 * are never part of it; the message expiry interval is kept as an absolute deadline.
 *
 * @param expiresAtMillis epoch millis after which the message must not be delivered
 *     (MQTT5 3.3.2.3.3), or {@link #NO_EXPIRY}
 * @param originClientId the publisher's client id, for no-local (MQTT5 3.8.3.1); empty for
 *     messages the broker itself publishes
 */
public record Message(
        String topic,
        Payload payload,
        QoS qos,
        boolean retain,
        Properties properties,
        long expiresAtMillis,
        String originClientId) {
    public static final long NO_EXPIRY = Long.MAX_VALUE;

    public boolean isExpired(long nowMillis) {
        return nowMillis >= expiresAtMillis;
    }

    /** Seconds left before expiry, rounded up, for the Message Expiry Interval sent on (MQTT5 3.3.2-6). */
    public long remainingExpirySeconds(long nowMillis) {
        long left = expiresAtMillis - nowMillis;
        return left <= 0 ? 0 : (left + 999) / 1000;
    }

    public Message withRetain(boolean retainFlag) {
        return retainFlag == retain ? this : new Message(topic, payload, qos, retainFlag, properties, expiresAtMillis, originClientId);
    }
}
