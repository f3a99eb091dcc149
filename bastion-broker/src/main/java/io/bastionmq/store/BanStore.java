package io.bastionmq.store;

import java.util.List;

/**
 * The durable ban list. Bans change rarely, so writes are synchronous and durable when they
 * return; a ban survives a restart of the broker. Implementations are thread-safe.
 */
public interface BanStore {
    /** Adds the ban, replacing one of the same kind and value. */
    void putBan(BanRecord ban);

    /** Removes the ban of this kind and value; returns whether there was one. */
    boolean removeBan(String kind, String value);

    List<BanRecord> loadBans();
}
