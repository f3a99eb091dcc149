package io.bastionmq.bench.client;

import java.util.BitSet;

/**
 * Packet identifiers of one connection's QoS 1 and 2 publishes in flight (MQTT-2.3.1-2: an id is
 * not reused until its flow completed). Handed out round-robin, so a broker that acknowledges in
 * order finds the next id free at once.
 */
final class PacketIds {
    private static final int MAX = 65_535;

    private final BitSet inUse = new BitSet(MAX + 1);
    private int next = 1;
    private int count;

    /** A free id, or 0 when all of them are in flight. */
    int acquire() {
        if (count == MAX) {
            return 0;
        }
        int id = inUse.nextClearBit(next);
        if (id > MAX) {
            id = inUse.nextClearBit(1);
        }
        inUse.set(id);
        count++;
        next = id == MAX ? 1 : id + 1;
        return id;
    }

    void release(int id) {
        if (id > 0 && id <= MAX && inUse.get(id)) {
            inUse.clear(id);
            count--;
        }
    }

    int inUse() {
        return count;
    }
}
