package io.bastionmq.store;

import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Subscription;
import java.util.List;

/**
 * The durable part of a persistent session (MQTT5 4.1): who it belongs to, when it expires, and
 * its subscriptions. Queued messages and QoS 2 receive state are stored beside it, keyed by client id.
 *
 * @param expiryIntervalSeconds the session expiry interval (MQTT5 3.1.2.11.2); 0xFFFFFFFF never expires
 * @param disconnectedAtMillis when the last connection closed, or 0 while connected
 */
public record SessionRecord(
        String clientId,
        MqttVersion version,
        long expiryIntervalSeconds,
        long disconnectedAtMillis,
        List<StoredSubscription> subscriptions) {
    public SessionRecord {
        subscriptions = List.copyOf(subscriptions);
    }

    /** A subscription with its options and the subscription identifier it was made with (0 = none). */
    public record StoredSubscription(Subscription subscription, int subscriptionId) {}
}
