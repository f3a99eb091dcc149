package io.bastionmq.security.authn;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connections each user name has open, so that disabling or deleting a credential cuts its
 * live sessions at once (THREATS.md C10). The connection layer registers a {@code cutter} that
 * closes its channel (on its own event loop) and removes it when the channel closes.
 */
public final class LiveConnections {
    private final ConcurrentHashMap<String, Set<Runnable>> byUser = new ConcurrentHashMap<>();

    /** Registers a connection of {@code username}; the returned runnable unregisters it. */
    public Runnable register(String username, Runnable cutter) {
        byUser.computeIfAbsent(username, k -> ConcurrentHashMap.newKeySet()).add(cutter);
        return () -> byUser.computeIfPresent(username, (k, set) -> {
            set.remove(cutter);
            return set.isEmpty() ? null : set;
        });
    }

    /** Cuts every live connection of this user; returns how many there were. */
    public int cut(String username) {
        Set<Runnable> cutters = byUser.remove(username);
        if (cutters == null) {
            return 0;
        }
        cutters.forEach(Runnable::run);
        return cutters.size();
    }

    public int count(String username) {
        Set<Runnable> set = byUser.get(username);
        return set == null ? 0 : set.size();
    }
}
