package io.bastionmq.bench.run;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * One subscriber's record of which sequence numbers arrived from which publisher: a bit per
 * message, so duplicates are exact and loss is exact once the number sent is known. Confined to
 * the subscriber's event loop.
 */
final class DeliveryTracker {
    private final Map<Integer, BitSet> seen = new HashMap<>();
    private long duplicates;

    /** Records one arrival; false if this sequence number had already arrived. */
    boolean record(int publisher, long sequence) {
        if (sequence < 0 || sequence > Integer.MAX_VALUE) {
            return false;
        }
        BitSet bits = seen.computeIfAbsent(publisher, p -> new BitSet());
        if (bits.get((int) sequence)) {
            duplicates++;
            return false;
        }
        bits.set((int) sequence);
        return true;
    }

    long duplicates() {
        return duplicates;
    }

    /** Distinct messages that arrived from {@code publisher}. */
    long unique(int publisher) {
        BitSet bits = seen.get(publisher);
        return bits == null ? 0 : bits.cardinality();
    }

    /**
     * Messages missing when the number each publisher sent is unknown (a separate {@code pub}
     * process): the gaps below the highest sequence number seen.
     */
    long gaps() {
        long gaps = 0;
        for (BitSet bits : seen.values()) {
            gaps += bits.length() - bits.cardinality();
        }
        return gaps;
    }
}
