package io.bastionmq.routing;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The members of one shared subscription (MQTT5 4.8.2): every session subscribed to
 * {@code $share/{shareName}/{filter}}. Each message goes to one member, chosen round-robin.
 *
 * <p>Members are an immutable array replaced on each change (copy-on-write): groups are small and
 * change rarely, while {@link #next} runs for every matching PUBLISH on any event loop, so readers
 * take no lock. Only {@link SubscriptionTrie} changes membership, under its write lock.
 */
public final class SharedGroup {
    private static final Subscriber[] NONE = new Subscriber[0];

    private final String shareName;
    private final String filter;
    private final AtomicInteger cursor = new AtomicInteger();
    private volatile Subscriber[] members = NONE;

    SharedGroup(String shareName, String filter) {
        this.shareName = shareName;
        this.filter = filter;
    }

    public String shareName() {
        return shareName;
    }

    /** The inner filter, without the {@code $share/name/} prefix. */
    public String filter() {
        return filter;
    }

    /** The members at the time of the call. */
    public List<Subscriber> members() {
        return List.of(members);
    }

    /** The next member in turn, or null if the group is empty. */
    public @Nullable Subscriber next() {
        return next(s -> true);
    }

    /**
     * The next member in turn for which {@code usable} holds, or null if there is none. Unusable
     * members (say, disconnected ones) are skipped, and the turn moves past the chosen member so
     * that the usable ones still take turns evenly.
     */
    public @Nullable Subscriber next(Predicate<Subscriber> usable) {
        Subscriber[] snapshot = members;
        int n = snapshot.length;
        if (n == 0) {
            return null;
        }
        int start = cursor.getAndIncrement();
        for (int i = 0; i < n; i++) {
            Subscriber s = snapshot[Math.floorMod(start + i, n)];
            if (usable.test(s)) {
                if (i > 0) {
                    // Only if no other thread took a turn meanwhile; losing this race merely
                    // gives one member an extra turn, never a wrong answer.
                    cursor.compareAndSet(start + 1, start + i + 1);
                }
                return s;
            }
        }
        return null;
    }

    /** Adds {@code s} or replaces the same client's membership; true if it replaced one. */
    boolean put(Subscriber s) {
        Subscriber[] current = members;
        int i = indexOf(current, s.clientId());
        Subscriber[] updated;
        if (i >= 0) {
            updated = current.clone();
            updated[i] = s;
        } else {
            updated = Arrays.copyOf(current, current.length + 1);
            updated[current.length] = s;
        }
        members = updated;
        return i >= 0;
    }

    /** Removes the client's membership; true if it had one. */
    boolean remove(String clientId) {
        Subscriber[] current = members;
        int i = indexOf(current, clientId);
        if (i < 0) {
            return false;
        }
        Subscriber[] updated = new Subscriber[current.length - 1];
        System.arraycopy(current, 0, updated, 0, i);
        System.arraycopy(current, i + 1, updated, i, current.length - i - 1);
        members = updated;
        return true;
    }

    boolean isEmpty() {
        return members.length == 0;
    }

    private static int indexOf(Subscriber[] array, String clientId) {
        for (int i = 0; i < array.length; i++) {
            if (array[i].clientId().equals(clientId)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "SharedGroup[" + TopicFilter.SHARE_PREFIX + shareName + "/" + filter + ", " + members.length + " members]";
    }
}
