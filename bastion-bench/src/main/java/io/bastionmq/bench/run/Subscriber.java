package io.bastionmq.bench.run;

import io.bastionmq.bench.client.ClientListener;
import io.bastionmq.codec.packet.Publish;
import org.jspecify.annotations.Nullable;

/** Receives on one connection: latency from the stamp, loss and duplicates by sequence, the window's credit. */
final class Subscriber implements ClientListener {
    private final int index;
    private final Meter meter;
    private final @Nullable PublishWindow window;
    final DeliveryTracker tracker = new DeliveryTracker();

    Subscriber(int index, Meter meter, @Nullable PublishWindow window) {
        this.index = index;
        this.meter = meter;
        this.window = window;
    }

    @Override
    public void onPublish(Publish publish) {
        long now = Stamp.now();
        if (publish.payload().size() < Stamp.SIZE) {
            meter.onError("subscriber " + index + ": a message on " + publish.topic() + " carries no bench stamp");
            return;
        }
        Stamp stamp = Stamp.read(publish.payload().toByteArray());
        meter.onReceived(now - stamp.sentNanos());
        tracker.record(stamp.publisher(), stamp.sequence());
        if (window != null) {
            window.onDelivered(stamp.publisher());
        }
    }

    @Override
    public void onClosed(Throwable cause) {
        meter.onError("subscriber " + index + ": " + cause.getMessage());
    }
}
