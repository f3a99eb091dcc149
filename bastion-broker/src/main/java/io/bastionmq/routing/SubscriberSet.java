package io.bastionmq.routing;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The non-shared subscribers of one trie node, keyed by client id (a node is one filter, so a
 * client has at most one subscription here). Readers iterate without locks; writers must be
 * serialized by the caller ({@link SubscriptionTrie} holds its write lock).
 *
 * <p>Striped copy-on-write. Most filters have a handful of subscribers, and an immutable array
 * is the fastest thing to iterate on every PUBLISH. But copying the whole array on each change
 * would make n subscribes to a crowded node ({@code broadcast/#}) cost O(n²). So subscribers are
 * spread over a power-of-two number of immutable arrays (stripes) by client id hash, and the
 * number of stripes doubles or halves with the size: a change copies one stripe of at most about
 * {@link #STRIPE_TARGET} entries.
 *
 * <p>Why not a {@code ConcurrentHashMap}: its weakly consistent iterator can return one key twice
 * when it is removed and added back during the iteration, and a match must visit a subscription
 * at most once. Here a reader reads the stripe table once and each stripe once; a client lives in
 * exactly one stripe of a table, and a resize publishes a new table while the old one stays frozen,
 * so a reader sees each client's entry at most once.
 */
final class SubscriberSet {
    static final int STRIPE_TARGET = 16;
    private static final Subscriber[] NONE = new Subscriber[0];

    private volatile AtomicReferenceArray<Subscriber[]> stripes = emptyTable(1);
    private int size; // written and read by writers only, under the caller's lock

    void forEach(Consumer<Subscriber> action) {
        AtomicReferenceArray<Subscriber[]> table = stripes;
        for (int i = 0; i < table.length(); i++) {
            for (Subscriber s : table.get(i)) {
                action.accept(s);
            }
        }
    }

    /** Adds {@code s} or replaces the same client's entry; true if it replaced one. */
    boolean put(Subscriber s) {
        AtomicReferenceArray<Subscriber[]> table = stripes;
        int i = stripe(s.clientId(), table.length());
        Subscriber[] current = table.get(i);
        int at = indexOf(current, s.clientId());
        if (at >= 0) {
            Subscriber[] updated = current.clone();
            updated[at] = s;
            table.set(i, updated);
            return true;
        }
        table.set(i, append(current, s));
        if (++size > table.length() * STRIPE_TARGET) {
            resize(table.length() * 2);
        }
        return false;
    }

    /** Removes the client's entry; true if there was one. */
    boolean remove(String clientId) {
        AtomicReferenceArray<Subscriber[]> table = stripes;
        int i = stripe(clientId, table.length());
        Subscriber[] current = table.get(i);
        int at = indexOf(current, clientId);
        if (at < 0) {
            return false;
        }
        Subscriber[] updated = current.length == 1 ? NONE : new Subscriber[current.length - 1];
        System.arraycopy(current, 0, updated, 0, at);
        System.arraycopy(current, at + 1, updated, at, current.length - at - 1);
        table.set(i, updated);
        // Shrink with hysteresis (a quarter full), so churn around one size does not resize each time.
        if (--size < table.length() * STRIPE_TARGET / 4 && table.length() > 1) {
            resize(table.length() / 2);
        }
        return true;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int stripeCount() {
        return stripes.length();
    }

    private void resize(int count) {
        AtomicReferenceArray<Subscriber[]> old = stripes;
        AtomicReferenceArray<Subscriber[]> fresh = emptyTable(count);
        for (int i = 0; i < old.length(); i++) {
            for (Subscriber s : old.get(i)) {
                int j = stripe(s.clientId(), count);
                fresh.set(j, append(fresh.get(j), s));
            }
        }
        stripes = fresh;
    }

    private static AtomicReferenceArray<Subscriber[]> emptyTable(int count) {
        AtomicReferenceArray<Subscriber[]> table = new AtomicReferenceArray<>(count);
        for (int i = 0; i < count; i++) {
            table.set(i, NONE);
        }
        return table;
    }

    private static int stripe(String clientId, int count) {
        int h = clientId.hashCode();
        return (h ^ (h >>> 16)) & (count - 1);
    }

    private static Subscriber[] append(Subscriber[] array, Subscriber s) {
        Subscriber[] updated = Arrays.copyOf(array, array.length + 1);
        updated[array.length] = s;
        return updated;
    }

    private static int indexOf(Subscriber[] array, String clientId) {
        for (int i = 0; i < array.length; i++) {
            if (array[i].clientId().equals(clientId)) {
                return i;
            }
        }
        return -1;
    }
}
