package io.bastionmq.limits;

import io.bastionmq.codec.reason.ConnAckReason;
import io.bastionmq.config.LimitsConfig;
import io.bastionmq.metrics.Metrics;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Admission of new connections (THREATS.md C14, C17, C18), decided when the TCP connection
 * opens, before a byte of MQTT is read. In order: a banned address (CONNACK 0x8A), an overloaded
 * broker (0x89), the connect rate of the address (token bucket, 0x9F), the global and per-address
 * connection counts (0x97 quota exceeded). An admitted connection holds its place in the counts
 * until {@link #release}.
 *
 * <p>Every attempt spends a token of its address's bucket, refused or not, so a client that
 * hammers the broker stays refused until it slows down. Thread-safe.
 */
public final class Admission {
    private final LimitsConfig config;
    private final BanList bans;
    private final OverloadMonitor overload;
    private final Metrics metrics;
    private final LimitLog log;
    private final LongSupplier nanoTime;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<InetAddress, Address> addresses = new ConcurrentHashMap<>();

    Admission(LimitsConfig config, BanList bans, OverloadMonitor overload, Metrics metrics, LimitLog log, LongSupplier nanoTime) {
        this.config = config;
        this.bans = bans;
        this.overload = overload;
        this.metrics = metrics;
        this.log = log;
        this.nanoTime = nanoTime;
    }

    /** Returns null if the connection is admitted (the caller must later {@link #release} it), else why not. */
    public @Nullable Refusal admit(InetAddress peer) {
        InetAddress address = Cidr.normalized(peer);
        if (bans.matchAddress(address) != null) {
            metrics.bannedRefused.increment();
            log.hit("banned address", address.getHostAddress() + " refused");
            return new Refusal(ConnAckReason.BANNED, "banned");
        }
        if (overload.isOverloaded()) {
            metrics.overloadRefused.increment();
            log.hit("overload", "new connection from " + address.getHostAddress() + " refused");
            return new Refusal(ConnAckReason.SERVER_BUSY, "server overloaded");
        }
        long now = nanoTime.getAsLong();
        LimitsConfig.ConnectRate rate = config.connectRatePerAddress();
        Outcome[] refused = new Outcome[1];
        // Per key, compute is atomic with prune's computeIfPresent: a count is never lost to a removal.
        addresses.compute(address, (k, existing) -> {
            Address a = existing != null ? existing : new Address(new TokenBucket(rate.rate(), rate.burst(), now));
            if (!a.bucket.tryTake(1, now)) {
                refused[0] = Outcome.RATE;
            } else if (a.open >= config.maxConnectionsPerAddress()) {
                refused[0] = Outcome.PER_ADDRESS;
            } else if (open.incrementAndGet() > config.maxConnections()) {
                open.decrementAndGet();
                refused[0] = Outcome.GLOBAL;
            } else {
                a.open++;
            }
            return a;
        });
        if (refused[0] == null) {
            return null;
        }
        return switch (refused[0]) {
            case RATE -> {
                metrics.connectRateRefused.increment();
                log.hit("connect_rate_per_address", address.getHostAddress() + " above " + rate.rate() + "/s (burst " + rate.burst() + ")");
                yield new Refusal(ConnAckReason.CONNECTION_RATE_EXCEEDED, "connection rate exceeded");
            }
            case GLOBAL -> {
                metrics.connectionLimitRefused.increment();
                log.hit("max_connections", "limit of " + config.maxConnections() + " reached");
                yield new Refusal(ConnAckReason.QUOTA_EXCEEDED, "too many connections");
            }
            case PER_ADDRESS -> {
                metrics.connectionLimitRefused.increment();
                log.hit("max_connections_per_address", address.getHostAddress() + " has " + config.maxConnectionsPerAddress() + " open");
                yield new Refusal(ConnAckReason.QUOTA_EXCEEDED, "too many connections from this address");
            }
        };
    }

    /** An admitted connection closed. */
    public void release(InetAddress peer) {
        open.decrementAndGet();
        addresses.computeIfPresent(Cidr.normalized(peer), (k, a) -> {
            a.open--;
            return a;
        });
    }

    public int openConnections() {
        return open.get();
    }

    /** Forgets addresses with nothing open and a full bucket: they are indistinguishable from new ones. */
    void prune() {
        long now = nanoTime.getAsLong();
        for (InetAddress address : addresses.keySet()) {
            addresses.computeIfPresent(address, (k, a) -> a.open == 0 && a.bucket.isFull(now) ? null : a);
        }
    }

    private enum Outcome { RATE, GLOBAL, PER_ADDRESS }

    /** Guarded by the map's per-key lock (compute). */
    private static final class Address {
        final TokenBucket bucket;
        int open;

        Address(TokenBucket bucket) {
            this.bucket = bucket;
        }
    }
}
