package io.bastionmq.routing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The children of one trie node ({@link SubscriptionTrie}, {@link RetainedIndex}) keyed by topic
 * level, looked up by a range of a topic ({@link #get(String, int, int)}) so that matching a
 * PUBLISH needs no substring per level: the publish path allocates nothing here.
 *
 * <p>Open addressing with linear probing, at most half full. Writers must be serialized by the
 * caller (the trie's write lock); readers take no lock. A writer publishes a new entry into a free
 * slot with a release store, and a reader loads slots with acquire, so it sees either nothing or a
 * fully built entry. Removal leaves a tombstone rather than shifting entries back, because a shift
 * could move an entry behind a reader already past it; an insert may reuse a tombstone (the probe
 * chain stays unbroken). Growth, the sweep of tombstones and a re-seed build a new table, which
 * {@link #with} returns for the owner to publish through its volatile field; the old table is never
 * written again, so a reader still in it sees it as it was (a match may miss a subscription made
 * meanwhile, which MQTT allows: MQTT5 3.8.4). One object between the owner and the slot array keeps
 * a lookup at the same number of dependent loads as a {@code ConcurrentHashMap}.
 *
 * <p>Hash flooding: levels are chosen by clients, so the hash must not be one they can aim at. It is
 * FNV-1a over the level's chars from a random 64-bit basis drawn per table, so colliding level
 * names cannot be computed in advance (the 4,096 "Aa"/"BB" levels that share one
 * {@code String.hashCode} spread out: LevelTableTest), and if an insert ever probes more than
 * {@link #MAX_PROBE} slots (at most half full, a random hash essentially never does) the table is
 * rebuilt with a fresh basis. (A {@code ConcurrentHashMap<String, …>} defends with tree bins
 * instead, but needs a {@code String} key per lookup: one allocation per level.)
 */
final class LevelTable<V> {
    static final int MAX_PROBE = 48;
    private static final long PRIME = 0x100000001b3L; // FNV-1a 64-bit prime
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final Object REMOVED = new Object();

    /** One child: its level, the level's hash under the table's basis, and the child itself. */
    private record Entry(int hash, String level, Object value) {}

    private final long basis;
    private final Object[] slots;
    private int size; // live entries; writers only
    private int used; // live entries + tombstones; writers only

    LevelTable() {
        this(ThreadLocalRandom.current().nextLong(), 2);
    }

    private LevelTable(long basis, int capacity) {
        this.basis = basis;
        this.slots = new Object[capacity];
    }

    /** The child named by {@code topic.substring(start, end)}, without making that substring. */
    @SuppressWarnings("unchecked")
    @Nullable V get(String topic, int start, int end) {
        Object[] slots = this.slots;
        int mask = slots.length - 1;
        int h = hash(basis, topic, start, end);
        int length = end - start;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            Object o = SLOT.getAcquire(slots, i);
            if (o == null) {
                return null;
            }
            if (o != REMOVED) {
                Entry e = (Entry) o;
                if (e.hash == h && e.level.length() == length && e.level.regionMatches(0, topic, start, length)) {
                    return (V) e.value;
                }
            }
        }
    }

    @Nullable V get(String level) {
        return get(level, 0, level.length());
    }

    /**
     * Adds the child {@code value} named {@code level}, which must not be present yet, and returns
     * the table the owner must keep: this one, or a larger, swept or re-seeded copy that the owner
     * publishes with a volatile write.
     */
    LevelTable<V> with(String level, V value) {
        LevelTable<V> target = (used + 1) * 2 > slots.length ? copy(basis, capacityFor(size + 1)) : this;
        if (target.place(new Entry(hash(target.basis, level, 0, level.length()), level, value)) > MAX_PROBE) {
            return target.copy(ThreadLocalRandom.current().nextLong(), target.slots.length);
        }
        return target;
    }

    /** Removes the child named {@code level}; true if there was one. */
    boolean remove(String level) {
        int mask = slots.length - 1;
        int h = hash(basis, level, 0, level.length());
        for (int i = h & mask; ; i = (i + 1) & mask) {
            Object o = slots[i];
            if (o == null) {
                return false;
            }
            if (o != REMOVED && ((Entry) o).hash == h && ((Entry) o).level.equals(level)) {
                SLOT.setRelease(slots, i, REMOVED);
                size--;
                return true;
            }
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** Visits every child (weakly consistent: each child at most once). */
    @SuppressWarnings("unchecked")
    void forEach(Consumer<? super V> action) {
        for (int i = 0; i < slots.length; i++) {
            Object o = SLOT.getAcquire(slots, i);
            if (o != null && o != REMOVED) {
                action.accept((V) ((Entry) o).value);
            }
        }
    }

    /** Slots in the array; lets tests check that churn does not grow the table. */
    int capacity() {
        return slots.length;
    }

    /** The most slots a lookup of a present child probes; lets tests check the spread of the hash. */
    int longestProbe() {
        int mask = slots.length - 1;
        int longest = 0;
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] instanceof Entry e) {
                longest = Math.max(longest, ((i - e.hash) & mask) + 1);
            }
        }
        return longest;
    }

    /**
     * Puts {@code e} in the first free or tombstone slot of its probe sequence (it is known to be
     * absent, so nothing further along can be it); returns how many slots it probed.
     */
    private int place(Entry e) {
        int mask = slots.length - 1;
        int probes = 1;
        for (int i = e.hash & mask; ; i = (i + 1) & mask, probes++) {
            Object o = slots[i];
            if (o == null || o == REMOVED) {
                SLOT.setRelease(slots, i, e);
                size++;
                if (o == null) {
                    used++;
                }
                return probes;
            }
        }
    }

    /** The live entries in a new table (no tombstones) under {@code newBasis}; not yet visible to readers. */
    private LevelTable<V> copy(long newBasis, int capacity) {
        LevelTable<V> fresh = new LevelTable<>(newBasis, capacity);
        int mask = capacity - 1;
        for (Object o : slots) {
            if (o != null && o != REMOVED) {
                Entry e = (Entry) o;
                Entry moved = newBasis == basis ? e : new Entry(hash(newBasis, e.level, 0, e.level.length()), e.level, e.value);
                int i = moved.hash & mask;
                while (fresh.slots[i] != null) {
                    i = (i + 1) & mask;
                }
                fresh.slots[i] = moved;
            }
        }
        fresh.size = size;
        fresh.used = size;
        return fresh;
    }

    /** The smallest power of two at least twice {@code entries}: at most half full. */
    private static int capacityFor(int entries) {
        return Math.max(2, Integer.highestOneBit(entries * 4 - 1));
    }

    /** FNV-1a over UTF-16 chars from a per-table basis, folded to 32 bits. */
    private static int hash(long basis, String s, int start, int end) {
        long h = basis;
        for (int i = start; i < end; i++) {
            h = (h ^ s.charAt(i)) * PRIME;
        }
        return (int) (h ^ (h >>> 32));
    }
}
