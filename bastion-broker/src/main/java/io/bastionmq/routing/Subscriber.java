package io.bastionmq.routing;

import io.bastionmq.codec.packet.Subscription;

/**
 * One client's subscription as the trie stores it.
 *
 * @param filter the parsed {@code options.filter()}
 * @param subscriptionId the Subscription Identifier (MQTT5 3.8.2.1.2), or 0 for none
 */
public record Subscriber(String clientId, TopicFilter filter, Subscription options, int subscriptionId) {
    public Subscriber {
        if (subscriptionId < 0) {
            throw new IllegalArgumentException("subscription identifier " + subscriptionId + " is negative");
        }
    }
}
