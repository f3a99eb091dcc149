package io.bastionmq.bench.run;

import io.bastionmq.bench.client.ClientListener;
import io.bastionmq.bench.client.MqttClient;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Drives one publishing connection on its event loop. A pump writes up to {@link #BATCH}
 * messages and flushes once, then yields to the loop; it stops at the deadline or the count, and
 * otherwise waits for one of: the window (a delivery or an acknowledgement wakes it), the socket
 * (writability), or the rate (a timer).
 */
final class Publisher implements ClientListener {
    private static final int BATCH = 64;

    private final int index;
    private final String topic;
    private final FlowSpec spec;
    private final Meter meter;
    private final AtomicBoolean parked = new AtomicBoolean();
    private @Nullable PublishWindow window;
    private @Nullable MqttClient client;
    private long startNanos;
    private long deadlineNanos;
    private boolean pumpPending;
    private volatile long sent;
    private volatile boolean stopped;
    private volatile boolean done;

    Publisher(int index, FlowSpec spec, Meter meter) {
        this.index = index;
        this.topic = spec.topic().replace("%i", Integer.toString(index));
        this.spec = spec;
        this.meter = meter;
    }

    void start(MqttClient connected, @Nullable PublishWindow closedLoop, long start, long deadline) {
        client = connected;
        window = closedLoop;
        startNanos = start;
        deadlineNanos = deadline;
        connected.eventLoop().execute(this::wake);
    }

    void stop() {
        stopped = true;
    }

    long sent() {
        return sent;
    }

    boolean done() {
        return done;
    }

    /** From any thread: a delivery freed room in the window. */
    void wakeIfParked() {
        MqttClient c = client;
        if (c != null && parked.get() && parked.compareAndSet(true, false)) {
            c.eventLoop().execute(this::wake);
        }
    }

    /** Free places in a window of {@code size} that wake a waiting publisher: a quarter of it. */
    static int resumeRoom(int size) {
        return Math.max(1, size / 4);
    }

    @Override
    public void onAcknowledged(boolean error) {
        if (error) {
            meter.onError("publisher " + index + ": the broker refused a publish");
        }
        MqttClient c = client;
        if (c != null && c.unacknowledged() <= spec.window() - resumeRoom(spec.window()) && parked.compareAndSet(true, false)) {
            wake();
        }
    }

    @Override
    public void onWritable() {
        wake();
    }

    @Override
    public void onClosed(Throwable cause) {
        meter.onError("publisher " + index + ": " + cause.getMessage());
        done = true;
    }

    private void wake() {
        if (!pumpPending && client != null) {
            pumpPending = true;
            client.eventLoop().execute(this::runPump);
        }
    }

    private void runPump() {
        pumpPending = false;
        pump(client);
    }

    private void pump(@Nullable MqttClient c) {
        if (done || c == null) {
            return;
        }
        long now = System.nanoTime();
        for (int batch = 0; ; batch++) {
            if (stopped || sent >= spec.count() || now >= deadlineNanos) {
                done = true;
                c.flush();
                return;
            }
            if (batch == BATCH) {
                c.flush();
                wake();
                return;
            }
            if (!c.isWritable()) {
                c.flush();
                return;
            }
            if (!hasRoom(c, 1) && !parkUnlessFreed(c)) {
                return;
            }
            long due = dueNanos();
            if (due > now) {
                c.flush();
                pumpPending = true;
                c.eventLoop().schedule(this::runPump, due - now, TimeUnit.NANOSECONDS);
                return;
            }
            byte[] payload = new Stamp(index, sent, Stamp.now()).toPayload(spec.payloadSize());
            if (!c.publish(topic, spec.qos(), payload)) {
                parkUnlessFreed(c);
                return;
            }
            sent++;
            meter.onSent();
        }
    }

    /** Whether {@code room} more messages fit in both the delivery window and the acknowledgement window. */
    private boolean hasRoom(MqttClient c, int room) {
        PublishWindow w = window;
        return (w == null || w.hasRoom(index, sent, room)) && c.unacknowledged() <= spec.window() - room;
    }

    /**
     * Flushes and waits to be woken, unless the room to resume appeared meanwhile (a delivery on
     * another thread may have missed the flag): then true, go on.
     */
    private boolean parkUnlessFreed(MqttClient c) {
        c.flush();
        parked.set(true);
        return hasRoom(c, resumeRoom(spec.window())) && parked.compareAndSet(true, false);
    }

    /** When the rate allows the next message; 0 without a rate. */
    private long dueNanos() {
        double rate = spec.ratePerPublisher();
        return rate == 0 ? 0 : startNanos + (long) (sent * 1e9 / rate);
    }
}
