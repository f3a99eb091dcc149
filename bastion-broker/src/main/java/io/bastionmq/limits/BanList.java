package io.bastionmq.limits;

import io.bastionmq.store.BanStore;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The ban list: by client id, user name, address and CIDR block, each with an expiry and a
 * reason (THREATS.md C17). Written through to a {@link BanStore}, so bans survive restarts; read
 * from memory, so the check on every new connection costs a hash lookup (client id, user name,
 * exact address) plus a scan of the CIDR blocks, which are few.
 *
 * <p>Expired bans stop matching at once and are deleted by {@link #purgeExpired}, which the broker
 * runs on its timers. Thread-safe.
 */
public final class BanList {
    private final BanStore store;
    private final Clock clock;
    private final Map<String, Ban> byClientId = new ConcurrentHashMap<>();
    private final Map<String, Ban> byUsername = new ConcurrentHashMap<>();
    private final Map<InetAddress, Ban> byAddress = new ConcurrentHashMap<>();
    private final List<Map.Entry<Cidr, Ban>> blocks = new CopyOnWriteArrayList<>();
    private final List<Consumer<Ban>> onAdded = new CopyOnWriteArrayList<>();

    /** Loads the stored bans; expired ones are deleted on the way. */
    public BanList(BanStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        Instant now = clock.instant();
        for (var record : store.loadBans()) {
            Ban ban = Ban.fromRecord(record);
            if (ban.isActive(now)) {
                index(ban);
            } else {
                store.removeBan(record.kind(), record.value());
            }
        }
    }

    /** Called with every ban added after construction, so live connections it matches can be cut. */
    public void onAdded(Consumer<Ban> listener) {
        onAdded.add(listener);
    }

    /** Adds (or replaces) a ban, durably, then tells the listeners (which cut live connections it matches). */
    public Ban add(Ban ban) {
        addForNewConnections(ban);
        onAdded.forEach(l -> l.accept(ban));
        return ban;
    }

    /**
     * Adds (or replaces) a ban that refuses new connections but leaves live ones alone: for
     * automatic bans on an address (brute-force lockouts), where devices behind the same address
     * that are already connected have done nothing wrong.
     */
    public Ban addForNewConnections(Ban ban) {
        store.putBan(ban.toRecord());
        remove(ban.kind(), ban.value(), false);
        index(ban);
        return ban;
    }

    /** Removes the ban of this kind and value; returns whether there was one. */
    public boolean remove(BanKind kind, String value) {
        return remove(kind, kind == BanKind.ADDRESS ? Cidr.parse(value).toString() : value, true);
    }

    private boolean remove(BanKind kind, String value, boolean fromStore) {
        boolean removed = switch (kind) {
            case CLIENT_ID -> byClientId.remove(value) != null;
            case USERNAME -> byUsername.remove(value) != null;
            case ADDRESS -> {
                Cidr cidr = Cidr.parse(value);
                yield cidr.isSingleAddress() ? byAddress.remove(cidr.network()) != null
                        : blocks.removeIf(e -> e.getKey().equals(cidr));
            }
        };
        if (fromStore) {
            removed |= store.removeBan(kind.spelling(), value);
        }
        return removed;
    }

    /** The active ban on this peer address, by exact address or by a block containing it. */
    public @Nullable Ban matchAddress(InetAddress address) {
        Instant now = clock.instant();
        InetAddress a = Cidr.normalized(address);
        Ban exact = active(byAddress.get(a), now);
        if (exact != null) {
            return exact;
        }
        for (var e : blocks) {
            if (e.getValue().isActive(now) && e.getKey().contains(a)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The active ban on this client id or user name (either may be absent). */
    public @Nullable Ban matchClient(@Nullable String clientId, @Nullable String username) {
        Instant now = clock.instant();
        Ban ban = clientId == null ? null : active(byClientId.get(clientId), now);
        if (ban == null && username != null) {
            ban = active(byUsername.get(username), now);
        }
        return ban;
    }

    /** Every ban, active or not yet purged, ordered by kind and value. */
    public List<Ban> all() {
        List<Ban> all = new ArrayList<>(byClientId.values());
        all.addAll(byUsername.values());
        all.addAll(byAddress.values());
        blocks.forEach(e -> all.add(e.getValue()));
        all.sort(Comparator.comparing(Ban::kind).thenComparing(Ban::value));
        return all;
    }

    /** Deletes expired bans from memory and from the store; returns how many. */
    public int purgeExpired() {
        Instant now = clock.instant();
        int purged = 0;
        for (Ban ban : all()) {
            if (!ban.isActive(now) && remove(ban.kind(), ban.value(), true)) {
                purged++;
            }
        }
        return purged;
    }

    private void index(Ban ban) {
        switch (ban.kind()) {
            case CLIENT_ID -> byClientId.put(ban.value(), ban);
            case USERNAME -> byUsername.put(ban.value(), ban);
            case ADDRESS -> {
                Cidr cidr = Cidr.parse(ban.value());
                if (cidr.isSingleAddress()) {
                    byAddress.put(cidr.network(), ban);
                } else {
                    blocks.add(Map.entry(cidr, ban));
                }
            }
        }
    }

    private static @Nullable Ban active(@Nullable Ban ban, Instant now) {
        return ban != null && ban.isActive(now) ? ban : null;
    }
}
