package io.bastionmq.store;

import io.bastionmq.routing.Message;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Durable broker state: persistent sessions, their queues and QoS 2 receive state, and retained
 * messages. Writes go in {@link Batch}es; {@link #commit} applies a batch atomically and completes
 * when it is as durable as the configured fsync policy makes it. Concurrent commits are grouped
 * into one write and one sync (group commit), so a QoS 1 stream is not limited by fsync latency.
 *
 * <p>Reads ({@code load*}) are for start-up recovery; the broker keeps its live state in memory.
 * Implementations are thread-safe. The ban list ({@link BanStore}) and the users and devices
 * ({@link CredentialStore}) live here too.
 */
public interface Store extends BanStore, CredentialStore, AutoCloseable {

    Batch newBatch();

    /**
     * Applies the batch atomically. The future completes once the batch is durable (with the
     * "always" fsync policy: synced to disk), or exceptionally if the write failed.
     */
    CompletableFuture<Void> commit(Batch batch);

    List<SessionRecord> loadSessions();

    /** The session's queue in {@code seq} order. */
    List<QueuedMessage> loadQueue(String clientId);

    /** Packet ids of QoS 2 PUBLISHes received from this client and not yet released by PUBREL. */
    Set<Integer> loadInboundQos2(String clientId);

    List<Message> loadRetained();

    @Override
    void close();

    /** A set of writes applied together. Not thread-safe: build it on one thread, then commit it. */
    interface Batch {
        Batch putSession(SessionRecord session);

        /** Removes the session and everything stored under its client id (queue, QoS 2 state). */
        Batch deleteSession(String clientId);

        /** Adds or replaces the entry at {@code message.seq()}. */
        Batch putQueued(String clientId, QueuedMessage message);

        Batch removeQueued(String clientId, long seq);

        Batch addInboundQos2(String clientId, int packetId);

        Batch removeInboundQos2(String clientId, int packetId);

        Batch putRetained(Message message);

        Batch removeRetained(String topic);

        boolean isEmpty();
    }
}
