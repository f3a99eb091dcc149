package io.bastionmq.bench.run;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The closed loop: publisher {@code p} may send message {@code n} only while fewer than
 * {@code size} of its messages are still on the way to the subscribers. So QoS 0 cannot hide
 * loss by filling the broker's queues, and the figures measure delivery, not buffering. Counts
 * deliveries from every subscriber's event loop and wakes a publisher that waits, once a quarter
 * of its window is free again: waking it for every single delivery would make each publish a
 * write and a flush of its own, and measure the tool's system calls instead of the broker.
 */
final class PublishWindow {
    private final int size;
    private final int subscribers;
    private final AtomicLongArray delivered;
    private final Publisher[] publishers;

    PublishWindow(int size, int subscribers, Publisher[] publishers) {
        this.size = size;
        this.subscribers = subscribers;
        this.publishers = publishers;
        this.delivered = new AtomicLongArray(publishers.length);
    }

    /** True while fewer than {@code size - room + 1} messages are on the way, that is, {@code room} may be sent. */
    boolean hasRoom(int publisher, long sent, int room) {
        return sent - delivered.get(publisher) / subscribers <= size - room;
    }

    void onDelivered(int publisher) {
        if (publisher >= 0 && publisher < publishers.length) {
            long arrived = delivered.incrementAndGet(publisher);
            Publisher p = publishers[publisher];
            if (p.sent() - arrived / subscribers <= size - Publisher.resumeRoom(size)) {
                p.wakeIfParked();
            }
        }
    }
}
