package io.bastionmq.store.memory;

import io.bastionmq.routing.Message;
import io.bastionmq.store.QueuedMessage;
import io.bastionmq.store.SessionRecord;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** The state of a {@link MemoryStore}. The store serialises every access through its lock. */
final class MemoryTables {
    final Map<String, SessionRecord> sessions = new ConcurrentHashMap<>();
    /** Skip lists keep each queue in seq order, as the RocksDB key layout does. */
    final Map<String, NavigableMap<Long, QueuedMessage>> queues = new ConcurrentHashMap<>();
    final Map<String, Set<Integer>> inboundQos2 = new ConcurrentHashMap<>();
    final Map<String, Message> retained = new ConcurrentHashMap<>();

    void deleteSession(String clientId) {
        sessions.remove(clientId);
        queues.remove(clientId);
        inboundQos2.remove(clientId);
    }

    void putQueued(String clientId, QueuedMessage message) {
        queues.computeIfAbsent(clientId, id -> new ConcurrentSkipListMap<>()).put(message.seq(), message);
    }

    void removeQueued(String clientId, long seq) {
        NavigableMap<Long, QueuedMessage> queue = queues.get(clientId);
        if (queue != null) {
            queue.remove(seq);
            if (queue.isEmpty()) {
                queues.remove(clientId);
            }
        }
    }

    void addInboundQos2(String clientId, int packetId) {
        inboundQos2.computeIfAbsent(clientId, id -> ConcurrentHashMap.newKeySet()).add(packetId);
    }

    void removeInboundQos2(String clientId, int packetId) {
        Set<Integer> ids = inboundQos2.get(clientId);
        if (ids != null) {
            ids.remove(packetId);
            if (ids.isEmpty()) {
                inboundQos2.remove(clientId);
            }
        }
    }
}
