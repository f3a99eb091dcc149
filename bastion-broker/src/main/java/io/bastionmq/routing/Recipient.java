package io.bastionmq.routing;

import io.bastionmq.store.QueuedMessage;

/** A session as the router sees it: somewhere to put deliveries. Implemented by the session layer. */
public interface Recipient {
    String clientId();

    boolean isConnected();

    /** True when QoS 1/2 deliveries must be in the durable store before the publisher is acknowledged. */
    boolean isPersistent();

    /** Gives the delivery its place (sequence number) in this recipient's queue, without queueing it yet. */
    QueuedMessage prepare(Delivery delivery);

    /** Queues (and, if the client is connected and its window allows, sends) a prepared message. */
    void accept(QueuedMessage message, Delivery delivery);
}
