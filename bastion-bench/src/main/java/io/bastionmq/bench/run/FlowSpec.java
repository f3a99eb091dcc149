package io.bastionmq.bench.run;

import io.bastionmq.bench.client.ClientOptions;
import io.bastionmq.codec.packet.QoS;

/**
 * A publish/subscribe run. With publishers and subscribers both present the loop is closed:
 * every subscriber is expected to receive every publisher's messages (the filters match all the
 * topics), and a publisher may be at most {@code window} messages ahead of them. Alone, a
 * publisher keeps at most {@code window} QoS 1/2 publishes unacknowledged.
 *
 * @param topic            publish topic; {@code %i} becomes the publisher's index
 * @param filter           subscription filter; {@code %i} becomes the subscriber's index
 * @param ratePerPublisher messages per second per publisher, 0 for as fast as the window allows
 * @param count            messages per publisher, or deliveries in all for a subscribe-only run
 * @param persistentSubscribers subscribers connect with a persistent session
 *                         ({@link ClientOptions#withPersistentSession()}); publishers never do
 */
public record FlowSpec(
        String scenario,
        ClientOptions client,
        int publishers,
        int subscribers,
        String topic,
        String filter,
        QoS qos,
        int payloadSize,
        int window,
        double ratePerPublisher,
        long count,
        int warmupSeconds,
        int durationSeconds,
        boolean persistentSubscribers) {

    /** A run whose subscribers, like its publishers, have clean sessions. */
    public FlowSpec(String scenario, ClientOptions client, int publishers, int subscribers, String topic, String filter,
            QoS qos, int payloadSize, int window, double ratePerPublisher, long count, int warmupSeconds,
            int durationSeconds) {
        this(scenario, client, publishers, subscribers, topic, filter, qos, payloadSize, window, ratePerPublisher, count,
                warmupSeconds, durationSeconds, false);
    }

    public FlowSpec {
        require(publishers >= 0 && subscribers >= 0 && publishers + subscribers > 0, "at least one publisher or subscriber");
        require(payloadSize >= Stamp.SIZE, "payload of at least " + Stamp.SIZE + " bytes (it carries sequence and time stamp)");
        require(window >= 1, "window of at least 1");
        require(ratePerPublisher >= 0, "rate of 0 (unlimited) or more");
        require(count >= 1 && count <= Integer.MAX_VALUE, "count between 1 and " + Integer.MAX_VALUE);
        require(warmupSeconds >= 0 && durationSeconds >= 1, "warm-up of 0 or more and duration of 1 or more seconds");
    }

    public boolean closedLoop() {
        return publishers > 0 && subscribers > 0;
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("needs " + what);
        }
    }
}
