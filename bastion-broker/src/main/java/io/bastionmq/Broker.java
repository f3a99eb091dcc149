package io.bastionmq;

import io.bastionmq.admin.AclAdmin;
import io.bastionmq.admin.AclQuery;
import io.bastionmq.admin.AdminArea;
import io.bastionmq.admin.AdminCommands;
import io.bastionmq.admin.AdminEndpoint;
import io.bastionmq.admin.BanAdmin;
import io.bastionmq.admin.CertAdmin;
import io.bastionmq.admin.UserAdmin;
import io.bastionmq.config.BrokerConfig;
import io.bastionmq.config.ListenerConfig;
import io.bastionmq.config.StoreConfig;
import io.bastionmq.connection.ConnectionServices;
import io.bastionmq.limits.JvmMemoryProbe;
import io.bastionmq.limits.Limits;
import io.bastionmq.limits.MemoryProbe;
import io.bastionmq.metrics.Metrics;
import io.bastionmq.routing.Message;
import io.bastionmq.routing.RetainedIndex;
import io.bastionmq.routing.Router;
import io.bastionmq.routing.SubscriptionTrie;
import io.bastionmq.routing.SysPublisher;
import io.bastionmq.security.audit.AuditLog;
import io.bastionmq.security.authn.Authenticator;
import io.bastionmq.security.authn.BruteForceGuard;
import io.bastionmq.security.authn.Enrolment;
import io.bastionmq.security.authn.JwtProvider;
import io.bastionmq.security.authn.LiveConnections;
import io.bastionmq.security.authn.PasswordHashes;
import io.bastionmq.security.authn.ScramSecret;
import io.bastionmq.security.authz.AclRule;
import io.bastionmq.security.authz.AclStore;
import io.bastionmq.security.authz.Authorizer;
import io.bastionmq.session.SessionContext;
import io.bastionmq.session.SessionRegistry;
import io.bastionmq.store.Store;
import io.bastionmq.store.memory.MemoryStore;
import io.bastionmq.store.rocksdb.RocksDbStore;
import io.bastionmq.transport.Listeners;
import io.bastionmq.transport.tls.TlsListeners;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part of the broker with plain constructors, in dependency
 * order, and takes them down in reverse. Reading {@link #start} shows what the broker is made of.
 */
public final class Broker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Broker.class);
    public static final String VERSION = "0.1.0";

    private final BrokerConfig config;
    private final Metrics metrics = new Metrics();
    private final Clock clock;
    private final long startedAtMillis;
    private final Store store;
    private final ScheduledExecutorService timers;
    private final Router router;
    private final SessionRegistry sessions;
    private final SysPublisher sys;
    private final TlsListeners tls;
    private final Listeners listeners;
    private final Limits limits;
    private final AuditLog audit;
    private final AclStore aclStore;
    private final Authorizer authorizer;
    private final Authenticator authenticator;
    private final Enrolment enrolment;
    private volatile @Nullable AdminEndpoint admin;
    private volatile boolean closed;

    private Broker(BrokerConfig config, Clock clock, MemoryProbe memory) {
        this.config = config;
        this.clock = clock;
        this.startedAtMillis = clock.millis();
        // TLS first: a missing or broken certificate file stops the start before anything is opened.
        this.tls = TlsListeners.create(config, clock);
        this.store = openStore(config);
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bastion-timers");
            t.setDaemon(true);
            return t;
        });
        SubscriptionTrie trie = new SubscriptionTrie();
        RetainedIndex retained = new RetainedIndex();
        for (Message m : store.loadRetained()) {
            retained.put(m);
        }
        this.router = new Router(trie, retained, store, clock, metrics);
        SessionContext sessionContext = new SessionContext(store, trie, router, timers, clock, metrics,
                config.mqtt().maxQueuedMessages(), config.mqtt().queueOverflowPolicy());
        this.sessions = new SessionRegistry(sessionContext);
        router.deliverTo(sessions);
        int recovered = sessions.recover();
        log.info("store ready: {} persistent sessions, {} retained messages", recovered, retained.size());
        this.sys = new SysPublisher(router, this::statistics);
        this.limits = new Limits(config.limits(), store, memory, metrics, clock);
        this.audit = openAudit(config, clock);
        this.aclStore = new AclStore(config.dataDir());
        this.authorizer = new Authorizer(config.authorization().rules(), aclStore.load(),
                config.authorization().sysAdminOnly(), config.authorization().cacheSize(),
                config.authorization().disconnectOnDeniedPublish());
        var authn = config.authentication();
        PasswordHashes hashes = new PasswordHashes(authn.hashing());
        LiveConnections live = new LiveConnections();
        JwtProvider jwt = authn.jwt() == null ? null : new JwtProvider(authn.jwt(), clock);
        byte[] scramSecret = ScramSecret.load(config.dataDir(), config.store().type() == StoreConfig.StoreType.ROCKSDB);
        this.authenticator = new Authenticator(Authenticator.providers(authn.providers(), store, hashes, jwt, scramSecret), store,
                new BruteForceGuard(authn.bruteForce(), clock, this::banLockedOutAddress), live, authn.workers());
        this.enrolment = new Enrolment(store, hashes, authn.policy(), live, clock, audit);
        this.listeners = new Listeners();
    }

    /**
     * A brute-force lockout of an address lands in the ban list like every automatic ban
     * (THREATS.md C4, C17), visible in {@code bastion ban list}; live connections from that
     * address stay (devices behind the same NAT have done nothing wrong).
     */
    private void banLockedOutAddress(java.net.InetAddress address, int failures, Duration lockout) {
        java.time.Instant now = clock.instant();
        limits.bans().addForNewConnections(new io.bastionmq.limits.Ban(io.bastionmq.limits.BanKind.ADDRESS,
                address.getHostAddress(), "automatic: " + failures + " failed logins in a row (brute force)", now, now.plus(lockout)));
    }

    /**
     * Users and devices of the running broker (the admin endpoint's entry point): disabling or
     * deleting a credential here also cuts its live connections (THREATS.md C10).
     */
    public Enrolment enrolment() {
        return enrolment;
    }

    /**
     * The audit log in {@code <data_dir>/audit/audit.log}, or {@code audit.file}. A broker on the
     * memory store (dev, tests) keeps no files, so it writes the log only to an explicit {@code audit.file}.
     */
    private static AuditLog openAudit(BrokerConfig config, Clock clock) {
        var a = config.audit();
        if (!a.enabled() || (a.file() == null && config.store().type() == StoreConfig.StoreType.MEMORY)) {
            return AuditLog.disabled();
        }
        return AuditLog.open(a.fileIn(config.dataDir()), a.maxFileSize(), a.maxFiles(), a.queueCapacity(), clock);
    }

    /** Picks up rules changed by {@code bastion acl add|remove} while the broker runs. */
    private void reloadAclStore() {
        if (aclStore.changed()) {
            try {
                List<AclRule> rules = aclStore.load();
                authorizer.replaceStoreRules(rules);
                log.info("ACL rules reloaded from {}", aclStore.file());
                audit.aclChanged(null, "rule store reloaded from " + aclStore.file() + ": " + rules.size() + " rules");
            } catch (RuntimeException e) {
                log.error("ACL rules in {} not reloaded, the previous rules stay: {}", aclStore.file(), e.toString());
            }
        }
    }

    /** Starts a broker: opens the store, recovers sessions, binds every configured listener. */
    public static Broker start(BrokerConfig config) {
        return start(config, Clock.systemUTC());
    }

    public static Broker start(BrokerConfig config, Clock clock) {
        return start(config, clock, new JvmMemoryProbe());
    }

    /** A broker whose overload protection reads {@code memory} (tests drive overload with a fake probe). */
    public static Broker start(BrokerConfig config, Clock clock, MemoryProbe memory) {
        Broker broker = new Broker(config, clock, memory);
        try {
            broker.listeners.bind(config.listeners(), broker::servicesFor, broker.tls::forListener);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        broker.limits.start(broker.timers);
        if (config.sys().enabled()) {
            broker.sys.start(broker.timers, config.sys().interval().toMillis());
        }
        broker.tls.start(broker.timers);
        broker.timers.scheduleWithFixedDelay(broker::reloadAclStore, AclStore.RELOAD_INTERVAL_MILLIS,
                AclStore.RELOAD_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        broker.openAdmin();
        return broker;
    }

    /**
     * The local admin endpoint ({@code admin.enabled}): only on the RocksDB store, whose lock is what
     * sends the CLI here. A socket that cannot be opened (a data_dir path too long for a Unix socket,
     * a read-only directory) is logged and the broker runs without it.
     */
    private AclQuery.@Nullable Stored storedRights(String user) {
        return store.findCredential(user).map(c -> new AclQuery.Stored(c.groups(), c.admin())).orElse(null);
    }

    private void openAdmin() {
        if (!config.admin().enabled() || config.store().type() != StoreConfig.StoreType.ROCKSDB) {
            return;
        }
        try {
            List<AdminArea> areas = List.of(new BanAdmin(limits.bans(), clock), new UserAdmin(enrolment, audit),
                    new AclAdmin(aclStore, authorizer, config.authorization().rules(), audit, this::storedRights),
                    new CertAdmin(config.dataDir().resolve(TlsListeners.CA_DIRECTORY), clock,
                            () -> tls.checkNow(timers, Duration.ofSeconds(5)), audit));
            admin = AdminEndpoint.open(config.dataDir(), token -> new AdminCommands(token, audit, areas));
        } catch (IOException | RuntimeException e) {
            log.error("admin endpoint not opened in {}: {}; bastion ban, user and device work only on a stopped broker",
                    config.dataDir(), e.toString());
        }
    }

    /** The admin endpoint, or null when it is disabled, the store is in memory, or it could not be opened. */
    public @Nullable AdminEndpoint adminEndpoint() {
        return admin;
    }

    private ConnectionServices servicesFor(ListenerConfig listener) {
        return new ConnectionServices(listener, config.mqtt(), sessions, router, store, metrics, clock, limits, authorizer, audit,
                authenticator);
    }

    private static Store openStore(BrokerConfig config) {
        StoreConfig s = config.store();
        if (s.type() == StoreConfig.StoreType.MEMORY) {
            return new MemoryStore();
        }
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + config.dataDir(), e);
        }
        return RocksDbStore.open(config.dataDir(), s.fsync(), s.fsyncInterval());
    }

    /** The port a listener is bound to (useful when the configuration asked for port 0). */
    public int port(String listenerName) {
        return listeners.port(listenerName);
    }

    public Metrics metrics() {
        return metrics;
    }

    public SessionRegistry sessions() {
        return sessions;
    }

    /** Abuse resistance: the ban list ({@code limits().bans()}), admission, overload state. */
    public Limits limits() {
        return limits;
    }

    /** Authorization: the rule chain; {@code authorizer().replaceStoreRules(…)} changes the store's rules live. */
    public Authorizer authorizer() {
        return authorizer;
    }

    /** The security audit log. */
    public AuditLog audit() {
        return audit;
    }

    /** The statistics published under {@code $SYS/broker/}. */
    Map<String, String> statistics() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("version", "BastionMQ " + VERSION);
        s.put("uptime", ((clock.millis() - startedAtMillis) / 1000) + " seconds");
        s.put("clients/connected", Long.toString(metrics.connectionsOpen.get()));
        s.put("clients/total", Integer.toString(sessions.size()));
        s.put("messages/received", Long.toString(metrics.messagesReceived.sum()));
        s.put("messages/sent", Long.toString(metrics.messagesSent.sum()));
        s.put("messages/expired", Long.toString(metrics.messagesExpired.sum()));
        s.put("messages/dropped/queue_full", Long.toString(metrics.queueOverflowDropped.sum()));
        s.put("messages/dropped/qos0_slow_consumer", Long.toString(metrics.qos0Dropped.sum()));
        s.put("messages/dropped/oversize", Long.toString(metrics.oversizeDropped.sum()));
        s.put("bytes/received", Long.toString(metrics.bytesReceived.sum()));
        s.put("subscriptions/count", Integer.toString(router.subscriptionCount()));
        s.put("retained messages/count", Integer.toString(router.retainedCount()));
        s.put("protocol/violations", Long.toString(metrics.protocolViolations.sum()));
        s.put("limits/refused/banned", Long.toString(metrics.bannedRefused.sum()));
        s.put("limits/refused/connections", Long.toString(metrics.connectionLimitRefused.sum()));
        s.put("limits/refused/connect_rate", Long.toString(metrics.connectRateRefused.sum()));
        s.put("limits/refused/overload", Long.toString(metrics.overloadRefused.sum()));
        s.put("limits/flapping_bans", Long.toString(metrics.flappingBans.sum()));
        s.put("limits/publish_throttled", Long.toString(metrics.publishThrottled.sum()));
        s.put("limits/overload", Long.toString(metrics.overloadActive.get()));
        return s;
    }

    /**
     * Graceful shutdown: stop accepting, tell MQTT 5 clients 0x8B (server shutting down), let the
     * sessions record their state, then flush and close the store.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("shutting down");
        AdminEndpoint a = admin;
        if (a != null) {
            a.close();
        }
        sys.close();
        tls.close();
        listeners.stopAccepting();
        listeners.disconnectAll(Duration.ofSeconds(5));
        listeners.close();
        timers.shutdownNow();
        try {
            timers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        authenticator.close();
        store.close();
        audit.close();
        log.info("stopped");
    }
}
