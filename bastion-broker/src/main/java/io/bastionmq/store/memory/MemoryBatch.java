package io.bastionmq.store.memory;

import io.bastionmq.routing.Message;
import io.bastionmq.store.QueuedMessage;
import io.bastionmq.store.SessionRecord;
import io.bastionmq.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes recorded as actions on {@link MemoryTables}, replayed in order under the store's lock.
 * Arguments are checked as the RocksDB store checks them, so code tested against this store does
 * not start failing on the durable one.
 */
final class MemoryBatch implements Store.Batch {
    private final List<Consumer<MemoryTables>> ops = new ArrayList<>();

    @Override
    public Store.Batch putSession(SessionRecord session) {
        ops.add(t -> t.sessions.put(session.clientId(), session));
        return this;
    }

    @Override
    public Store.Batch deleteSession(String clientId) {
        ops.add(t -> t.deleteSession(clientId));
        return this;
    }

    @Override
    public Store.Batch putQueued(String clientId, QueuedMessage message) {
        checkSeq(message.seq());
        ops.add(t -> t.putQueued(clientId, message));
        return this;
    }

    @Override
    public Store.Batch removeQueued(String clientId, long seq) {
        checkSeq(seq);
        ops.add(t -> t.removeQueued(clientId, seq));
        return this;
    }

    @Override
    public Store.Batch addInboundQos2(String clientId, int packetId) {
        checkPacketId(packetId);
        ops.add(t -> t.addInboundQos2(clientId, packetId));
        return this;
    }

    @Override
    public Store.Batch removeInboundQos2(String clientId, int packetId) {
        checkPacketId(packetId);
        ops.add(t -> t.removeInboundQos2(clientId, packetId));
        return this;
    }

    @Override
    public Store.Batch putRetained(Message message) {
        ops.add(t -> t.retained.put(message.topic(), message));
        return this;
    }

    @Override
    public Store.Batch removeRetained(String topic) {
        ops.add(t -> t.retained.remove(topic));
        return this;
    }

    @Override
    public boolean isEmpty() {
        return ops.isEmpty();
    }

    List<Consumer<MemoryTables>> snapshot() {
        return List.copyOf(ops);
    }

    private static void checkSeq(long seq) {
        if (seq < 0) {
            throw new IllegalArgumentException("queue seq must be non-negative, got " + seq);
        }
    }

    private static void checkPacketId(int packetId) {
        // MQTT5 2.2.1: packet identifiers are 1..65535.
        if (packetId < 1 || packetId > 0xFFFF) {
            throw new IllegalArgumentException("packet id out of range 1..65535: " + packetId);
        }
    }
}
