package io.bastionmq.store;

import io.bastionmq.codec.packet.QoS;
import io.bastionmq.routing.Message;
import java.util.List;

/**
 * One message in a session's outbound queue, as it will be (or was) sent to that subscriber.
 *
 * @param seq position in the session's queue, strictly increasing per session
 * @param qos the QoS of this delivery: min(publish QoS, granted QoS)
 * @param retain the RETAIN flag this delivery carries
 * @param subscriptionIds subscription identifiers of the matching subscriptions (MQTT5 3.3.4)
 * @param state where the QoS 1/2 handshake stands
 * @param packetId the packet identifier assigned when the message was sent, 0 while queued
 */
public record QueuedMessage(
        long seq,
        Message message,
        QoS qos,
        boolean retain,
        List<Integer> subscriptionIds,
        DeliveryState state,
        int packetId) {
    public QueuedMessage {
        if (seq < 0) {
            throw new IllegalArgumentException("seq must be >= 0 (keys sort big-endian): " + seq);
        }
        subscriptionIds = List.copyOf(subscriptionIds);
    }

    public QueuedMessage sent(int assignedPacketId) {
        return new QueuedMessage(seq, message, qos, retain, subscriptionIds, DeliveryState.SENT, assignedPacketId);
    }

    public QueuedMessage released() {
        return new QueuedMessage(seq, message, qos, retain, subscriptionIds, DeliveryState.RELEASED, packetId);
    }

    /** The handshake state of an outbound message (MQTT5 4.3). */
    public enum DeliveryState {
        /** Not yet sent. */
        QUEUED,
        /** PUBLISH sent, waiting for PUBACK (QoS 1) or PUBREC (QoS 2). */
        SENT,
        /** QoS 2: PUBREC received, PUBREL sent, waiting for PUBCOMP. The PUBLISH must not be sent again. */
        RELEASED
    }
}
