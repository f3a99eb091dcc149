package io.bastionmq.routing;

import io.bastionmq.codec.packet.QoS;
import io.bastionmq.codec.packet.Subscription;

/** Builds subscribers for tests. */
final class Subscriptions {
    private Subscriptions() {}

    static Subscriber sub(String clientId, String filter) {
        return sub(clientId, filter, QoS.AT_MOST_ONCE, 0);
    }

    static Subscriber sub(String clientId, String filter, QoS qos, int subscriptionId) {
        return new Subscriber(clientId, TopicFilter.parse(filter), Subscription.of(filter, qos), subscriptionId);
    }
}
