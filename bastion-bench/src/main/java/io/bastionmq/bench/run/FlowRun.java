package io.bastionmq.bench.run;

import io.bastionmq.bench.client.ClientOptions;
import io.bastionmq.bench.client.MqttClient;
import io.bastionmq.bench.client.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One publish/subscribe run, start to end: subscribers connect and subscribe, publishers connect
 * and start together, one sample a second through the warm-up and the measured seconds, then
 * the publishers stop, the messages still on the way get up to {@link #DRAIN_NANOS} to arrive,
 * and each subscriber's tracker is read on its own event loop.
 */
public final class FlowRun {
    private static final long SECOND = 1_000_000_000L;
    private static final long DRAIN_NANOS = 2 * SECOND;
    private static final long POLL_NANOS = 20_000_000L;

    private final FlowSpec spec;
    private final Transport transport;
    private final Consumer<Sample> progress;
    private final Meter meter = new Meter();
    private final Publisher[] publishers;
    private final @Nullable PublishWindow window;
    private final List<Subscriber> subscribers = new ArrayList<>();

    private FlowRun(FlowSpec spec, Transport transport, Consumer<Sample> progress) {
        this.spec = spec;
        this.transport = transport;
        this.progress = progress;
        this.publishers = new Publisher[spec.publishers()];
        Arrays.setAll(publishers, i -> new Publisher(i, spec, meter));
        this.window = spec.closedLoop() ? new PublishWindow(spec.window(), spec.subscribers(), publishers) : null;
        for (int i = 0; i < spec.subscribers(); i++) {
            subscribers.add(new Subscriber(i, meter, window));
        }
    }

    /** Runs {@code spec}, handing each one-second sample to {@code progress} as it closes. */
    public static FlowResult run(FlowSpec spec, Transport transport, Consumer<Sample> progress) {
        return new FlowRun(spec, transport, progress).execute();
    }

    private FlowResult execute() {
        String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        ClientOptions subscriberOptions = spec.persistentSubscribers() ? spec.client().withPersistentSession() : spec.client();
        try (Connections connections = new Connections(transport, spec.client(), runId);
                Connections subscriberConnections = new Connections(transport, subscriberOptions, runId)) {
            List<MqttClient> subs = subscriberConnections.connect("s", subscribers);
            for (int i = 0; i < subs.size(); i++) {
                String filter = spec.filter().replace("%i", Integer.toString(i));
                Connections.await(subs.get(i).subscribe(filter, spec.qos()), "subscribe s" + i + " to " + filter);
            }
            List<MqttClient> pubs = connections.connect("p", Arrays.asList(publishers));
            return measure(pubs, subs);
        }
    }

    private FlowResult measure(List<MqttClient> pubs, List<MqttClient> subs) {
        long start = System.nanoTime();
        int seconds = spec.warmupSeconds() + spec.durationSeconds();
        for (int i = 0; i < publishers.length; i++) {
            publishers[i].start(pubs.get(i), window, start, start + seconds * SECOND);
        }
        Timeline timeline = new Timeline(meter, start);
        long measureStart = start;
        long sentBefore = 0;
        long receivedBefore = 0;
        for (int second = 1; second <= seconds; second++) {
            boolean finished = sleepUntil(start + second * SECOND);
            progress.accept(timeline.tick(second <= spec.warmupSeconds()));
            if (second == spec.warmupSeconds()) {
                measureStart = System.nanoTime();
                sentBefore = meter.sent();
                receivedBefore = meter.received();
            }
            if (finished) {
                break;
            }
        }
        double measured = Math.max(1e-9, (System.nanoTime() - measureStart) / (double) SECOND);
        double sentRate = (meter.sent() - sentBefore) / measured;
        double receivedRate = (meter.received() - receivedBefore) / measured;
        for (Publisher p : publishers) {
            p.stop();
        }
        drain();
        timeline.absorbTail();
        Losses losses = losses(subs);
        return new FlowResult(spec, measured, meter.sent(), meter.received(), sentRate, receivedRate,
                spec.subscribers() > 0, losses.lost(), losses.duplicated(), meter.errors(),
                meter.firstError(), timeline.latency(), timeline.samples());
    }

    /** Sleeps until {@code deadline}; returns early, true, when the run has nothing more to do. */
    private boolean sleepUntil(long deadline) {
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            if (finished()) {
                return true;
            }
            pause(Math.min(POLL_NANOS, left));
        }
        return finished();
    }

    private boolean finished() {
        if (publishers.length == 0) {
            return meter.received() >= spec.count();
        }
        for (Publisher p : publishers) {
            if (!p.done()) {
                return false;
            }
        }
        return true;
    }

    /** In a closed loop, waits for the deliveries still owed by the broker, for at most two seconds. */
    private void drain() {
        if (!spec.closedLoop()) {
            return;
        }
        long expected = 0;
        for (Publisher p : publishers) {
            expected += p.sent() * spec.subscribers();
        }
        long deadline = System.nanoTime() + DRAIN_NANOS;
        while (meter.received() < expected && System.nanoTime() < deadline) {
            pause(POLL_NANOS);
        }
    }

    private record Losses(long lost, long duplicated) {}

    private Losses losses(List<MqttClient> subs) {
        long lost = 0;
        long duplicated = 0;
        for (int i = 0; i < subs.size(); i++) {
            Subscriber s = subscribers.get(i);
            Losses one = Connections.await(CompletableFuture.supplyAsync(() -> losses(s), subs.get(i).eventLoop()),
                    "read the delivery counts");
            lost += one.lost();
            duplicated += one.duplicated();
        }
        return new Losses(lost, duplicated);
    }

    /** On the subscriber's event loop: the messages it missed, and its duplicates. */
    private Losses losses(Subscriber s) {
        long missing = 0;
        if (spec.closedLoop()) {
            for (int p = 0; p < publishers.length; p++) {
                missing += publishers[p].sent() - s.tracker.unique(p);
            }
        } else {
            missing = s.tracker.gaps();
        }
        return new Losses(missing, s.tracker.duplicates());
    }

    private static void pause(long nanos) {
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
    }
}
