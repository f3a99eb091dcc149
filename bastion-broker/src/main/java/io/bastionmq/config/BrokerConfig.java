package io.bastionmq.config;

import io.bastionmq.config.ListenerConfig.Transport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole broker configuration. Immutable, and valid by construction: the compact constructors
 * of this record and of its parts reject every value outside its bounds, so {@code Broker} never
 * has to check again.
 *
 * <p>Named profiles: {@link #defaults(Path)} (what {@code bastion start} runs with no options) and
 * {@link #dev(int)} ({@code bastion start --dev}).
 *
 * @param listeners the endpoints to listen on, at least one; names and ports are unique
 * @param dataDir   directory of the durable store (unused by the memory store)
 * @param store     storage engine and durability
 * @param mqtt      protocol limits and features
 * @param sys       {@code $SYS} statistics
 * @param limits    abuse resistance: connection, rate and subscription limits, bans, overload
 * @param authorization publish/subscribe rules (deny by default)
 * @param audit     the security audit log
 * @param authentication the authentication chain, password hashing and policy, brute-force defence
 * @param admin     the local admin endpoint of a running broker
 */
public record BrokerConfig(List<ListenerConfig> listeners, Path dataDir, StoreConfig store, MqttConfig mqtt, SysConfig sys,
                           LimitsConfig limits, AuthorizationConfig authorization, AuditConfig audit,
                           AuthenticationConfig authentication, AdminConfig admin) {

    public static final Path DATA_DIR_DEFAULT = Path.of("data");

    public BrokerConfig {
        Bounds.present("listeners", listeners);
        Bounds.present("data_dir", dataDir);
        Bounds.present("store", store);
        Bounds.present("mqtt", mqtt);
        Bounds.present("sys", sys);
        Bounds.present("limits", limits);
        Bounds.present("authorization", authorization);
        Bounds.present("audit", audit);
        Bounds.present("authentication", authentication);
        Bounds.present("admin", admin);
        listeners = List.copyOf(listeners);
        if (listeners.isEmpty()) {
            // THREATS.md C22: nothing listens that the configuration does not name.
            throw new ConfigException("listeners", "no listener configured",
                    "name at least one listener, for example: listeners: [{name: local, bind: 127.0.0.1, port: 1883}]");
        }
        Map<String, Integer> names = new HashMap<>();
        Map<Integer, Integer> ports = new HashMap<>();
        for (int i = 0; i < listeners.size(); i++) {
            ListenerConfig l = listeners.get(i);
            Integer sameName = names.putIfAbsent(l.name(), i);
            if (sameName != null) {
                throw new ConfigException("listeners[" + i + "].name",
                        "name '" + l.name() + "' is already used by listeners[" + sameName + "]",
                        "give every listener its own name");
            }
            Integer samePort = l.port() == 0 ? null : ports.putIfAbsent(l.port(), i);
            if (samePort != null) {
                throw new ConfigException("listeners[" + i + "].port",
                        "port " + l.port() + " is already used by listeners[" + samePort + "] ('"
                                + listeners.get(samePort).name() + "')",
                        "give every listener its own port");
            }
        }
    }

    /** A configuration with the default admin endpoint ({@link AdminConfig#DEFAULT}). */
    public BrokerConfig(List<ListenerConfig> listeners, Path dataDir, StoreConfig store, MqttConfig mqtt, SysConfig sys,
                        LimitsConfig limits, AuthorizationConfig authorization, AuditConfig audit,
                        AuthenticationConfig authentication) {
        this(listeners, dataDir, store, mqtt, sys, limits, authorization, audit, authentication, AdminConfig.DEFAULT);
    }

    /** A configuration with the default authentication ({@link AuthenticationConfig#DEFAULT}). */
    public BrokerConfig(List<ListenerConfig> listeners, Path dataDir, StoreConfig store, MqttConfig mqtt, SysConfig sys,
                        LimitsConfig limits, AuthorizationConfig authorization, AuditConfig audit) {
        this(listeners, dataDir, store, mqtt, sys, limits, authorization, audit, AuthenticationConfig.DEFAULT);
    }

    /** The same configuration with another authentication section. */
    public BrokerConfig withAuthentication(AuthenticationConfig other) {
        return new BrokerConfig(listeners, dataDir, store, mqtt, sys, limits, authorization, audit, other, admin);
    }

    /** The same configuration with another admin endpoint section. */
    public BrokerConfig withAdmin(AdminConfig other) {
        return new BrokerConfig(listeners, dataDir, store, mqtt, sys, limits, authorization, audit, authentication, other);
    }

    /** A configuration with the secure default authorization and the default audit log. */
    public BrokerConfig(List<ListenerConfig> listeners, Path dataDir, StoreConfig store, MqttConfig mqtt, SysConfig sys,
                        LimitsConfig limits) {
        this(listeners, dataDir, store, mqtt, sys, limits, AuthorizationConfig.SECURE_DEFAULT, AuditConfig.DEFAULT);
    }

    /** A configuration with the default {@link LimitsConfig}. */
    public BrokerConfig(List<ListenerConfig> listeners, Path dataDir, StoreConfig store, MqttConfig mqtt, SysConfig sys) {
        this(listeners, dataDir, store, mqtt, sys, LimitsConfig.DEFAULT);
    }

    /**
     * The out-of-the-box broker: a TCP listener on 127.0.0.1:1883 and a TLS listener {@code tls}
     * on 0.0.0.0:8883 (every interface) served by the built-in CA in {@code <dataDir>/ca/} (created on first
     * start; client certificates optional, verified when sent), neither accepting anonymous clients
     * (THREATS.md C1, C3: on the first start the {@code start} command creates the user {@code admin}
     * with a random password written once to {@code <dataDir>/admin-password}), a RocksDB store in
     * {@code dataDir} that syncs before every acknowledgement, and default protocol limits.
     */
    public static BrokerConfig defaults(Path dataDir) {
        return new BrokerConfig(defaultListeners(), dataDir, StoreConfig.DURABLE, MqttConfig.DEFAULT, SysConfig.DEFAULT);
    }

    /**
     * The listeners of the default profile, also used by a configuration file that names none: no
     * anonymous access on either (THREATS.md C1, C9).
     */
    static List<ListenerConfig> defaultListeners() {
        return List.of(defaultListener(), defaultTlsListener());
    }

    static ListenerConfig defaultTlsListener() {
        return new ListenerConfig("tls", Transport.TCP, ListenerConfig.TLS_BIND_DEFAULT, ListenerConfig.TLS_PORT_DEFAULT,
                ListenerConfig.PATH_DEFAULT, ListenerConfig.ALLOW_PLAINTEXT_DEFAULT, false,
                TlsConfig.builtin(TlsConfig.ClientAuth.OPTIONAL));
    }

    /**
     * The development broker: anonymous plaintext TCP on 127.0.0.1:{@code port}, in-memory store.
     * Insecure by design, loopback only.
     */
    public static BrokerConfig dev(int port) {
        return dev(List.of(ListenerConfig.loopbackAnonymous("dev", Transport.TCP, port)));
    }

    /** {@link #dev(int)} plus a WebSocket listener on 127.0.0.1:{@code webSocketPort}{@code /mqtt}. */
    public static BrokerConfig dev(int port, int webSocketPort) {
        return dev(List.of(
                ListenerConfig.loopbackAnonymous("dev", Transport.TCP, port),
                ListenerConfig.loopbackAnonymous("dev-ws", Transport.WEBSOCKET, webSocketPort)));
    }

    private static BrokerConfig dev(List<ListenerConfig> listeners) {
        // Everything allowed (AuthorizationConfig.ALLOW_ALL): the dev broker is loopback-only and insecure by design.
        return new BrokerConfig(listeners, DATA_DIR_DEFAULT, StoreConfig.IN_MEMORY, MqttConfig.DEFAULT, SysConfig.DEFAULT,
                LimitsConfig.DEFAULT, AuthorizationConfig.ALLOW_ALL, AuditConfig.DEFAULT);
    }

    static ListenerConfig defaultListener() {
        return new ListenerConfig("default", Transport.TCP, ListenerConfig.BIND_DEFAULT, ListenerConfig.TCP_PORT_DEFAULT,
                ListenerConfig.PATH_DEFAULT, ListenerConfig.ALLOW_PLAINTEXT_DEFAULT, false);
    }

    /** The same configuration with another data directory (the CLI's {@code --data-dir}). */
    public BrokerConfig withDataDir(Path dir) {
        return new BrokerConfig(listeners, dir, store, mqtt, sys, limits, authorization, audit, authentication, admin);
    }

    /** The same configuration with other abuse-resistance limits. */
    public BrokerConfig withLimits(LimitsConfig other) {
        return new BrokerConfig(listeners, dataDir, store, mqtt, sys, other, authorization, audit, authentication, admin);
    }

    /**
     * Accepted but risky settings, one sentence each, to be logged as warnings at every start so
     * an operator cannot forget them.
     */
    public List<String> startupWarnings() {
        List<String> warnings = new ArrayList<>();
        for (ListenerConfig l : listeners) {
            if (!l.isLoopback() && !l.isTls()) {
                warnings.add("listener '" + l.name() + "' (" + l.uri() + ") carries plaintext MQTT on a non-loopback"
                        + " address (allow_plaintext: true): anyone on that network can read and alter its traffic");
            }
        }
        if (store.type() == StoreConfig.StoreType.MEMORY) {
            warnings.add("the store is in memory: sessions, queued and retained messages are lost when the broker stops");
        }
        return List.copyOf(warnings);
    }
}
