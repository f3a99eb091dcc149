package io.bastionmq.bench.run;

import io.bastionmq.bench.client.ClientListener;
import io.bastionmq.bench.client.MqttClient;
import io.bastionmq.bench.client.Transport;
import java.util.HexFormat;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Connection rate and churn. The run's thread launches connects on a schedule (the rate) while
 * fewer than {@code connections} are in progress (churn) or until all are launched; the event
 * loops record each CONNACK's latency. Bounded by the duration, and by the count in churn.
 */
public final class ConnRun {
    private static final long SECOND = 1_000_000_000L;
    /** Without churn, handshakes in progress at once when the rate is unlimited. */
    private static final int MAX_HANDSHAKES = 1_000;

    private final ConnSpec spec;
    private final Transport transport;
    private final Consumer<Sample> progress;
    private final Meter meter = new Meter();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final Queue<MqttClient> open = new ConcurrentLinkedQueue<>();
    private final String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);

    private ConnRun(ConnSpec spec, Transport transport, Consumer<Sample> progress) {
        this.spec = spec;
        this.transport = transport;
        this.progress = progress;
    }

    public static ConnResult run(ConnSpec spec, Transport transport, Consumer<Sample> progress) {
        return new ConnRun(spec, transport, progress).execute();
    }

    private ConnResult execute() {
        long start = System.nanoTime();
        long deadline = start + spec.durationSeconds() * SECOND;
        Timeline timeline = new Timeline(meter, start);
        long nextTick = start + SECOND;
        long launched = 0;
        int limit = spec.churn() ? spec.connections() : MAX_HANDSHAKES;
        long now = start;
        while (now < deadline && finished.get() < spec.target()) {
            while (launched < spec.target() && busy.get() < limit && due(start, launched) <= now) {
                launch(launched++);
            }
            if (now >= nextTick) {
                progress.accept(timeline.tick(false));
                nextTick += SECOND;
            }
            sleepMillis(1);
            now = System.nanoTime();
        }
        progress.accept(timeline.tick(false));
        double seconds = (System.nanoTime() - start) / (double) SECOND;
        ConnResult result = new ConnResult(spec, seconds, meter.sent(), meter.received(), meter.errors(),
                meter.received() / seconds, meter.firstError(), timeline.latency(), timeline.samples());
        closeAll();
        return result;
    }

    private long due(long start, long attempt) {
        return spec.rate() == 0 ? start : start + (long) (attempt * SECOND / spec.rate());
    }

    private void launch(long attempt) {
        busy.incrementAndGet();
        meter.onSent();
        long begin = Stamp.now();
        MqttClient.connect(transport, spec.client(), "bench-" + runId + "-c" + attempt, ClientListener.NONE)
                .whenComplete((client, error) -> {
                    if (error != null) {
                        meter.onError("connect " + attempt + ": " + error.getMessage());
                        done();
                    } else {
                        meter.onReceived(Stamp.now() - begin);
                        if (spec.churn()) {
                            client.disconnect().whenComplete((v, e) -> done());
                        } else {
                            open.add(client);
                            done();
                        }
                    }
                });
    }

    private void done() {
        busy.decrementAndGet();
        finished.incrementAndGet();
    }

    private void closeAll() {
        CompletableFuture<?>[] closing = open.stream().map(MqttClient::disconnect).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(closing).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Best effort: the transport's shutdown closes whatever is left.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        open.clear();
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
    }
}
