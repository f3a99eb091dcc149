package io.bastionmq.session;

import io.bastionmq.store.QueuedMessage;
import java.util.Collection;
import java.util.LinkedHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The QoS 1/2 messages a session has sent and not yet seen fully acknowledged, by packet id in
 * the order sent (resent in that order on reconnect, MQTT-4.4.0-1), and the allocation of packet
 * ids for new ones. Not thread-safe: guarded by the owning {@link Session}'s monitor.
 */
final class Inflight {
    private final LinkedHashMap<Integer, QueuedMessage> byPacketId = new LinkedHashMap<>();
    private int lastPacketId;

    int size() {
        return byPacketId.size();
    }

    @Nullable QueuedMessage get(int packetId) {
        return byPacketId.get(packetId);
    }

    /** Adds or replaces the message under its packet id (a QoS 2 message moving to RELEASED keeps its place). */
    void put(QueuedMessage message) {
        byPacketId.put(message.packetId(), message);
    }

    void remove(int packetId) {
        byPacketId.remove(packetId);
    }

    void remove(QueuedMessage message) {
        byPacketId.remove(message.packetId(), message);
    }

    Collection<QueuedMessage> inOrder() {
        return byPacketId.values();
    }

    void clear() {
        byPacketId.clear();
    }

    /** A message restored from the store; later ids are allocated after the highest restored one. */
    void restore(QueuedMessage message) {
        put(message);
        lastPacketId = Math.max(lastPacketId, message.packetId());
    }

    /** The next packet identifier not in use by an outbound message (MQTT-2.2.1-2, MQTT-2.3.1-2). */
    int nextPacketId() {
        for (int i = 0; i < 65_535; i++) {
            lastPacketId = lastPacketId == 65_535 ? 1 : lastPacketId + 1;
            if (!byPacketId.containsKey(lastPacketId)) {
                return lastPacketId;
            }
        }
        throw new IllegalStateException("no free packet identifier: 65535 messages in flight");
    }
}
