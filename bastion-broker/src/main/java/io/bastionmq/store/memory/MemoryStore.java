package io.bastionmq.store.memory;

import io.bastionmq.routing.Message;
import io.bastionmq.store.CredentialRecord;
import io.bastionmq.store.BanRecord;
import io.bastionmq.store.QueuedMessage;
import io.bastionmq.store.SessionRecord;
import io.bastionmq.store.Store;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@link Store} in memory, for development and tests. One lock makes each commit atomic and each
 * load consistent; that is a bottleneck a production store must not have, and this one need not
 * avoid. Commits are durable at once (there is nothing to sync), so their futures are complete.
 */
public final class MemoryStore implements Store {
    private final Object lock = new Object();
    private final MemoryTables tables = new MemoryTables();
    private final Map<String, BanRecord> bans = new TreeMap<>();
    private boolean closed;

    @Override
    public Batch newBatch() {
        return new MemoryBatch();
    }

    @Override
    public CompletableFuture<Void> commit(Batch batch) {
        if (!(batch instanceof MemoryBatch memoryBatch)) {
            throw new IllegalArgumentException("not a batch of this store: " + batch.getClass().getName());
        }
        List<Consumer<MemoryTables>> ops = memoryBatch.snapshot();
        locked(() -> {
            ops.forEach(op -> op.accept(tables));
            return null;
        });
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public List<SessionRecord> loadSessions() {
        return locked(() -> List.copyOf(tables.sessions.values()));
    }

    @Override
    public List<QueuedMessage> loadQueue(String clientId) {
        return locked(() -> {
            NavigableMap<Long, QueuedMessage> queue = tables.queues.get(clientId);
            return queue == null ? List.of() : new ArrayList<>(queue.values());
        });
    }

    @Override
    public Set<Integer> loadInboundQos2(String clientId) {
        return locked(() -> new HashSet<>(tables.inboundQos2.getOrDefault(clientId, Set.of())));
    }

    @Override
    public List<Message> loadRetained() {
        return locked(() -> List.copyOf(tables.retained.values()));
    }

    @Override
    public void putBan(BanRecord ban) {
        locked(() -> bans.put(ban.kind() + "\u0000" + ban.value(), ban));
    }

    @Override
    public boolean removeBan(String kind, String value) {
        return locked(() -> bans.remove(kind + "\u0000" + value) != null);
    }

    @Override
    public List<BanRecord> loadBans() {
        return locked(() -> List.copyOf(bans.values()));
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            tables.sessions.clear();
            tables.queues.clear();
            tables.inboundQos2.clear();
            tables.retained.clear();
            bans.clear();
        }
    }

    private <T> T locked(Supplier<T> action) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("store is closed");
            }
            return action.get();
        }
    }

    // Credentials live outside the lock: a concurrent sorted map is enough, and they survive close()
    // only as long as this object does (dev and tests).
    private final ConcurrentSkipListMap<String, CredentialRecord> credentials = new ConcurrentSkipListMap<>();

    @Override
    public Optional<CredentialRecord> findCredential(String name) {
        return Optional.ofNullable(credentials.get(name));
    }

    @Override
    public void putCredential(CredentialRecord credential) {
        credentials.put(credential.name(), credential);
    }

    @Override
    public boolean deleteCredential(String name) {
        return credentials.remove(name) != null;
    }

    @Override
    public List<CredentialRecord> loadCredentials() {
        return List.copyOf(credentials.values());
    }

}
