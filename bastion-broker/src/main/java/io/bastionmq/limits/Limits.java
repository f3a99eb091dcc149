package io.bastionmq.limits;

import io.bastionmq.codec.reason.ConnAckReason;
import io.bastionmq.codec.reason.DisconnectReason;
import io.bastionmq.config.LimitsConfig;
import io.bastionmq.metrics.Metrics;
import io.bastionmq.store.BanStore;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The abuse-resistance services of one broker, built once by {@code Broker} and shared by every
 * connection: admission, the ban list, flapping detection, the overload monitor, and the set of
 * live connections they act on. The limits that apply to single packets (subscriptions, topic
 * length, user properties) are read from {@link #config()} by the flows that own those packets.
 */
public final class Limits {
    /** How often expired bans, quiet flapping tracks and idle address buckets are swept. */
    static final Duration HOUSEKEEPING_INTERVAL = Duration.ofSeconds(10);

    private final LimitsConfig config;
    private final Metrics metrics;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final LimitLog log = new LimitLog();
    private final BanList bans;
    private final FlappingDetector flapping;
    private final Set<LimitedConnection> connections = ConcurrentHashMap.newKeySet();
    private final OverloadMonitor overload;
    private final Admission admission;

    public Limits(LimitsConfig config, BanStore store, MemoryProbe probe, Metrics metrics, Clock clock) {
        this(config, store, probe, metrics, clock, System::nanoTime);
    }

    Limits(LimitsConfig config, BanStore store, MemoryProbe probe, Metrics metrics, Clock clock, LongSupplier nanoTime) {
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.bans = new BanList(store, clock);
        this.flapping = new FlappingDetector(config.flapping());
        this.overload = new OverloadMonitor(config.overload(), probe, connections, metrics);
        this.admission = new Admission(config, bans, overload, metrics, log, nanoTime);
        bans.onAdded(this::enforce);
    }

    /** Starts the overload monitor and the housekeeping on the broker's timers. */
    public void start(ScheduledExecutorService timers) {
        if (config.overload().enabled()) {
            long interval = config.overload().checkInterval().toMillis();
            timers.scheduleWithFixedDelay(overload, interval, interval, TimeUnit.MILLISECONDS);
        }
        long housekeeping = HOUSEKEEPING_INTERVAL.toMillis();
        timers.scheduleWithFixedDelay(this::housekeeping, housekeeping, housekeeping, TimeUnit.MILLISECONDS);
    }

    public LimitsConfig config() {
        return config;
    }

    public BanList bans() {
        return bans;
    }

    public Admission admission() {
        return admission;
    }

    public LimitLog log() {
        return log;
    }

    public boolean isOverloaded() {
        return overload.isOverloaded();
    }

    /** The live connections the ban list and the overload monitor act on; the transport adds and removes them. */
    public Set<LimitedConnection> connections() {
        return connections;
    }

    public long nanoTime() {
        return nanoTime.getAsLong();
    }

    public PublishBudget newPublishBudget() {
        return new PublishBudget(config.publishRate(), nanoTime.getAsLong());
    }

    /**
     * The CONNECT-time checks (MQTT5 3.2.2.2): a banned client id or user name is refused with
     * 0x8A, and so is a client id whose connects make it flap, which also bans it for a while.
     * {@code assignedId} says the broker made the id up, so it cannot flap.
     */
    public @Nullable Refusal onConnect(String clientId, boolean assignedId, @Nullable String username,
                                       @Nullable InetAddress address) {
        if (bans.matchClient(assignedId ? null : clientId, username) != null) {
            metrics.bannedRefused.increment();
            log.hit("banned client", "'" + clientId + "' refused");
            return new Refusal(ConnAckReason.BANNED, "banned");
        }
        if (assignedId) {
            return null;
        }
        Duration ban = flapping.onConnect(clientId, clock.millis());
        if (ban == null) {
            return null;
        }
        metrics.flappingBans.increment();
        Instant now = clock.instant();
        String from = address == null ? "" : " from " + address.getHostAddress();
        log.hit("flapping", "client '" + clientId + "'" + from + " banned for " + ban);
        bans.add(new Ban(BanKind.CLIENT_ID, clientId, "flapping: more than " + config.flapping().maxConnects()
                + " connects in " + config.flapping().window() + from, now, now.plus(ban)));
        return new Refusal(ConnAckReason.BANNED, "banned for flapping");
    }

    /** A ban added at run time cuts the live connections it matches (DISCONNECT 0x98, MQTT5 3.14.2.1). */
    private void enforce(Ban ban) {
        for (LimitedConnection c : connections) {
            if (matches(ban, c)) {
                metrics.bansEnforcedLive.increment();
                // 0x8A (banned) is a CONNACK-only code; on DISCONNECT the spec's word is administrative action.
                c.disconnect(DisconnectReason.ADMINISTRATIVE_ACTION, "banned");
            }
        }
    }

    private static boolean matches(Ban ban, LimitedConnection c) {
        return switch (ban.kind()) {
            case CLIENT_ID -> ban.value().equals(c.clientId());
            case USERNAME -> ban.value().equals(c.username());
            case ADDRESS -> Cidr.parse(ban.value()).contains(c.address());
        };
    }

    private void housekeeping() {
        bans.purgeExpired();
        flapping.prune(clock.millis());
        admission.prune();
    }
}
