package io.bastionmq.it.support;

import io.bastionmq.Broker;
import io.bastionmq.config.AuditConfig;
import io.bastionmq.config.AuthorizationConfig;
import io.bastionmq.config.AuthenticationConfig;
import io.bastionmq.config.BrokerConfig;
import io.bastionmq.config.LimitsConfig;
import io.bastionmq.config.ListenerConfig;
import io.bastionmq.config.ListenerConfig.Transport;
import io.bastionmq.config.MqttConfig;
import io.bastionmq.config.StoreConfig;
import io.bastionmq.config.SysConfig;
import io.bastionmq.limits.JvmMemoryProbe;
import io.bastionmq.limits.MemoryProbe;
import io.bastionmq.security.authn.BruteForceSettings;
import io.bastionmq.security.authn.HashParameters;
import io.bastionmq.security.authn.PasswordPolicy;
import io.bastionmq.store.FsyncPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An embedded broker on ephemeral loopback ports for black-box tests. Every test talks to it only
 * over sockets; nothing inside the broker is called.
 *
 * <pre>
 * try (TestBroker broker = TestBroker.builder().receiveMaximum(2).start()) {
 *     client.connect(broker.tcpUri());
 * }
 * </pre>
 */
public final class TestBroker implements AutoCloseable {
    private final Broker broker;

    private TestBroker(Broker broker) {
        this.broker = broker;
    }

    /** In-memory store, anonymous TCP + WebSocket listeners on 127.0.0.1, default limits. */
    public static TestBroker start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return broker.port("tcp");
    }

    public int webSocketPort() {
        return broker.port("ws");
    }

    /** "tcp://127.0.0.1:PORT", as Paho wants it. */
    public String tcpUri() {
        return "tcp://127.0.0.1:" + port();
    }

    public String webSocketUri() {
        return "ws://127.0.0.1:" + webSocketPort() + "/mqtt";
    }

    public Broker broker() {
        return broker;
    }

    @Override
    public void close() {
        broker.close();
    }

    /** Settings for one test's broker; each method changes one limit from its default. */
    public static final class Builder {
        private int maxPacketSize = MqttConfig.MAX_PACKET_SIZE_DEFAULT;
        private int receiveMaximum = MqttConfig.RECEIVE_MAXIMUM_DEFAULT;
        private int topicAliasMaximum = MqttConfig.TOPIC_ALIAS_MAXIMUM_DEFAULT;
        private int maximumQos = 2;
        private boolean retainAvailable = true;
        private boolean wildcards = true;
        private boolean shared = true;
        private boolean subscriptionIds = true;
        private long maxSessionExpiry = MqttConfig.MAX_SESSION_EXPIRY_INTERVAL_DEFAULT;
        private int serverKeepAlive;
        private int maxQueued = MqttConfig.MAX_QUEUED_MESSAGES_DEFAULT;
        private MqttConfig.QueueOverflowPolicy overflow = MqttConfig.QueueOverflowPolicy.DROP_OLDEST;
        private int maxTopicLevels = MqttConfig.MAX_TOPIC_LEVELS_DEFAULT;
        private int maxClientIdLength = 128;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private boolean anonymous = true;
        private Duration sysInterval = Duration.ofSeconds(10);
        private StoreConfig store = StoreConfig.IN_MEMORY;
        private Path dataDir = Path.of("target", "it-data");

        public Builder maxPacketSize(int v) { maxPacketSize = v; return this; }
        public Builder receiveMaximum(int v) { receiveMaximum = v; return this; }
        public Builder topicAliasMaximum(int v) { topicAliasMaximum = v; return this; }
        public Builder maximumQos(int v) { maximumQos = v; return this; }
        public Builder retainAvailable(boolean v) { retainAvailable = v; return this; }
        public Builder wildcardSubscriptionAvailable(boolean v) { wildcards = v; return this; }
        public Builder sharedSubscriptionAvailable(boolean v) { shared = v; return this; }
        public Builder subscriptionIdentifiersAvailable(boolean v) { subscriptionIds = v; return this; }
        public Builder maxSessionExpiryInterval(long v) { maxSessionExpiry = v; return this; }
        public Builder serverKeepAlive(int v) { serverKeepAlive = v; return this; }
        public Builder maxQueuedMessages(int v, MqttConfig.QueueOverflowPolicy policy) { maxQueued = v; overflow = policy; return this; }
        public Builder maxTopicLevels(int v) { maxTopicLevels = v; return this; }
        public Builder maxClientIdLength(int v) { maxClientIdLength = v; return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        public Builder anonymous(boolean v) { anonymous = v; return this; }
        public Builder sysInterval(Duration v) { sysInterval = v; return this; }
        /** A durable RocksDB store in {@code dir} (fsync always). */
        public Builder rocksDb(Path dir) { store = new StoreConfig(StoreConfig.StoreType.ROCKSDB, FsyncPolicy.ALWAYS, Duration.ofMillis(100)); dataDir = dir; return this; }

        public BrokerConfig config() {
            MqttConfig mqtt = new MqttConfig(maxPacketSize, receiveMaximum, topicAliasMaximum, maximumQos, retainAvailable,
                    wildcards, shared, subscriptionIds, maxSessionExpiry, serverKeepAlive, maxQueued, overflow,
                    maxTopicLevels, maxClientIdLength, connectTimeout);
            List<ListenerConfig> listeners = new ArrayList<>();
            listeners.add(new ListenerConfig("tcp", Transport.TCP, "127.0.0.1", 0, "/mqtt", false, anonymous));
            listeners.add(new ListenerConfig("ws", Transport.WEBSOCKET, "127.0.0.1", 0, "/mqtt", false, anonymous));
            return new BrokerConfig(listeners, dataDir, store, mqtt, new SysConfig(true, sysInterval), limits,
                    authorization, audit);
        }

        public TestBroker start() {
            TestBroker started = new TestBroker(Broker.start(config().withAuthentication(authentication), Clock.systemUTC(), memoryProbe));
            users.forEach(u -> started.broker.enrolment().addUser(u.name(), u.password().toCharArray(), Set.of(u.groups()), false));
            return started;
        }

        // ---------------------------------------------------------------- abuse resistance (limits)

        /**
         * Limits that no ordinary test reaches: every test class opens many connections from
         * 127.0.0.1 and reconnects the same client ids, which the product defaults would rightly
         * treat as a flood. Limits tests set their own with {@link #limits(LimitsConfig)}.
         */
        public static final LimitsConfig RELAXED_LIMITS = LimitsConfig.PERMISSIVE;

        private LimitsConfig limits = RELAXED_LIMITS;
        private MemoryProbe memoryProbe = new JvmMemoryProbe();

        /** The {@code limits:} section; {@link LimitsConfig#DEFAULT} is the product's. */
        public Builder limits(LimitsConfig v) { limits = v; return this; }
        /** What the overload monitor reads instead of the JVM's memory (a fake drives overload). */
        public Builder memoryProbe(MemoryProbe v) { memoryProbe = v; return this; }

        // ---------------------------------------------------------------- authorization and audit

        /** Everything allowed ({@link AuthorizationConfig#ALLOW_ALL}) unless a test sets rules: most tests are not about ACLs. */
        private AuthorizationConfig authorization = AuthorizationConfig.ALLOW_ALL;
        private AuditConfig audit = AuditConfig.DEFAULT;

        /** The {@code authorization:} section; {@link AuthorizationConfig#SECURE_DEFAULT} is the product's. */
        public Builder authorization(AuthorizationConfig v) { authorization = v; return this; }
        /** The {@code audit:} section (the memory store writes the log only to an explicit file). */
        public Builder audit(AuditConfig v) { audit = v; return this; }

        // ---------------------------------------------------------------- authentication

        /** Fast hashing (tests connect often) and short brute-force delays; the product's are {@link AuthenticationConfig#DEFAULT}. */
        public static final AuthenticationConfig FAST_AUTHENTICATION = new AuthenticationConfig(List.of("password"),
                new HashParameters(1024, 1, 1), PasswordPolicy.DEFAULT,
                new BruteForceSettings(1000, Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO), null, 2);

        private AuthenticationConfig authentication = FAST_AUTHENTICATION;
        private final List<User> users = new ArrayList<>();

        private record User(String name, String password, String[] groups) {}

        /** The {@code authentication:} section. */
        public Builder authentication(AuthenticationConfig v) { authentication = v; return this; }
        /** A user enrolled (through the broker's Java API, password policy applied) before the test connects. */
        public Builder user(String name, String password, String... groups) { users.add(new User(name, password, groups)); return this; }
    }
}
