package io.bastionmq.bench.run;

import io.bastionmq.bench.client.ClientListener;
import io.bastionmq.bench.client.ClientOptions;
import io.bastionmq.bench.client.MqttClient;
import io.bastionmq.bench.client.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Opens a group of connections and closes whatever was opened, whatever happens in between. */
final class Connections implements AutoCloseable {
    private static final long SETUP_TIMEOUT_SECONDS = 10;
    private static final long CLOSE_TIMEOUT_SECONDS = 2;

    private final Transport transport;
    private final ClientOptions options;
    private final String runId;
    private final List<MqttClient> open = new ArrayList<>();

    Connections(Transport transport, ClientOptions options, String runId) {
        this.transport = transport;
        this.options = options;
        this.runId = runId;
    }

    /** Connects one client per listener, named {@code bench-<run>-<role><index>}, in order. */
    List<MqttClient> connect(String role, List<? extends ClientListener> listeners) {
        List<CompletableFuture<MqttClient>> pending = new ArrayList<>();
        for (int i = 0; i < listeners.size(); i++) {
            pending.add(MqttClient.connect(transport, options, "bench-" + runId + "-" + role + i, listeners.get(i)));
        }
        List<MqttClient> clients = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            MqttClient client = await(pending.get(i), "connect " + role + i + " to " + options.host() + ":" + options.port());
            clients.add(client);
            open.add(client);
        }
        return clients;
    }

    static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(SETUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new BenchException("could not " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new BenchException("could not " + what + ": no answer in " + SETUP_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while waiting to " + what, e);
        }
    }

    @Override
    public void close() {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (MqttClient client : open) {
            closing.add(client.disconnect());
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Closing is best effort: the transport's shutdown closes whatever is left.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        open.clear();
    }
}
