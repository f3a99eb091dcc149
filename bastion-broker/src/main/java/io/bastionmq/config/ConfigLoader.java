package io.bastionmq.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.bastionmq.config.ListenerConfig.Transport;
import io.bastionmq.config.MqttConfig.QueueOverflowPolicy;
import io.bastionmq.config.StoreConfig.StoreType;
import io.bastionmq.store.FsyncPolicy;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Reads one YAML file into a {@link BrokerConfig}. This class owns the file's shape (syntax,
 * keys, types, spellings); the records own the values. Keys are snake_case, durations are
 * strings such as {@code 10s}, enums are lower case. Missing sections and keys take defaults.
 */
public final class ConfigLoader {
    /** A configuration file is a page of text; anything larger is refused before it is parsed. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    static final List<String> TOP_KEYS = List.of("listeners", "data_dir", "store", "mqtt", "sys", "limits", "authorization", "audit", "authentication", "admin");
    static final List<String> LISTENER_KEYS =
            List.of("name", "transport", "bind", "port", "path", "allow_plaintext", "allow_anonymous", "tls");
    static final List<String> TLS_KEYS = List.of("builtin_ca", "cert_file", "key_file", "ca_file", "crl_file",
            "client_auth", "protocols", "cipher_suites", "identity");
    static final List<String> IDENTITY_KEYS = List.of("username_from", "require_client_id_match");
    static final List<String> STORE_KEYS = List.of("type", "fsync", "fsync_interval");
    static final List<String> MQTT_KEYS = List.of(
            "max_packet_size", "receive_maximum", "topic_alias_maximum", "maximum_qos", "retain_available",
            "wildcard_subscription_available", "shared_subscription_available", "subscription_identifiers_available",
            "max_session_expiry_interval", "server_keep_alive", "max_queued_messages", "queue_overflow_policy",
            "max_topic_levels", "max_client_id_length", "connect_timeout");
    static final List<String> SYS_KEYS = List.of("enabled", "interval");
    static final List<String> LIMITS_KEYS = List.of(
            "max_connections", "max_connections_per_address", "connect_rate_per_address", "max_subscriptions_per_client",
            "max_topic_length", "max_user_properties", "publish_rate", "rate_limit_action", "flapping", "overload");
    static final List<String> CONNECT_RATE_KEYS = List.of("rate", "burst");
    static final List<String> PUBLISH_RATE_KEYS = List.of("messages_per_second", "bytes_per_second", "burst");
    static final List<String> FLAPPING_KEYS = List.of("enabled", "max_connects", "window", "ban", "max_ban");
    static final List<String> OVERLOAD_KEYS = List.of("enabled", "heap_high_watermark", "heap_low_watermark",
            "direct_memory_high_watermark", "direct_memory_low_watermark", "check_interval");

    static final List<String> AUTHORIZATION_KEYS = List.of("rules", "disconnect_on_denied_publish", "sys_admin_only", "cache_size");
    static final List<String> RULE_KEYS = List.of("permission", "action", "subject", "topic", "max_qos", "retain");
    static final List<String> AUDIT_KEYS = List.of("enabled", "file", "max_file_size", "max_files", "queue_capacity");
    static final List<String> ADMIN_KEYS = List.of("enabled");

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ConfigLoader() {}

    /**
     * Loads and validates {@code file}. A relative {@code data_dir} is resolved against the
     * directory that holds the file, so the broker behaves the same whatever directory it is
     * started from.
     *
     * @throws ConfigException naming the file, the key path, the problem and a hint
     */
    public static BrokerConfig load(Path file) {
        String origin = file.toString();
        String text = read(file, origin);
        Path base = file.toAbsolutePath().getParent();
        try {
            return parse(text, base);
        } catch (ConfigException e) {
            throw e.in(origin);
        }
    }

    /**
     * Every key the loader knows, as documented: {@code data_dir}, {@code listeners[].port},
     * {@code mqtt.max_packet_size}, … (the docs test checks each appears in docs/configuration.md).
     */
    public static List<String> knownKeys() {
        List<String> keys = new ArrayList<>(TOP_KEYS);
        for (var section : sections().entrySet()) {
            for (String key : section.getValue()) keys.add(section.getKey() + "." + key);
        }
        return List.copyOf(keys);
    }

    private static Map<String, List<String>> sections() {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        sections.put("listeners[]", LISTENER_KEYS);
        sections.put("listeners[].tls", TLS_KEYS);
        sections.put("listeners[].tls.identity", IDENTITY_KEYS);
        sections.put("store", STORE_KEYS);
        sections.put("mqtt", MQTT_KEYS);
        sections.put("sys", SYS_KEYS);
        sections.put("limits", LIMITS_KEYS);
        sections.put("limits.connect_rate_per_address", CONNECT_RATE_KEYS);
        sections.put("limits.publish_rate", PUBLISH_RATE_KEYS);
        sections.put("limits.flapping", FLAPPING_KEYS);
        sections.put("limits.overload", OVERLOAD_KEYS);
        sections.put("authorization", AUTHORIZATION_KEYS);
        sections.put("authorization.rules[]", RULE_KEYS);
        sections.put("audit", AUDIT_KEYS);
        sections.put("authentication", AuthenticationSection.KEYS);
        sections.put("authentication.hashing", AuthenticationSection.HASHING_KEYS);
        sections.put("authentication.password_policy", AuthenticationSection.POLICY_KEYS);
        sections.put("authentication.brute_force", AuthenticationSection.BRUTE_FORCE_KEYS);
        sections.put("authentication.jwt", AuthenticationSection.JWT_KEYS);
        sections.put("admin", ADMIN_KEYS);
        return sections;
    }

    /** Parses YAML text; relative {@code data_dir} values resolve against {@code base}. Errors carry no file. */
    static BrokerConfig parse(String text, Path base) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw syntaxError(e);
        }
        Section top = new Section("", root, TOP_KEYS);
        List<ListenerConfig> listeners = top.has("listeners") ? listeners(top, base) : BrokerConfig.defaultListeners();
        String dataDirText = top.string("data_dir", BrokerConfig.DATA_DIR_DEFAULT.toString());
        if (dataDirText.isBlank()) {
            throw new ConfigException("data_dir", "is empty", "name a directory, such as /var/lib/bastion, or remove the key for the default");
        }
        Path dataDir = base.resolve(dataDirText).normalize();
        StoreConfig store = store(top.section("store", STORE_KEYS));
        MqttConfig mqtt = mqtt(top.section("mqtt", MQTT_KEYS));
        SysConfig sys = sys(top.section("sys", SYS_KEYS));
        LimitsConfig limits = limits(top.section("limits", LIMITS_KEYS));
        AuthorizationConfig authorization = AuthorizationSection.parse(top.section("authorization", AUTHORIZATION_KEYS));
        AuditConfig audit = AuthorizationSection.audit(top.section("audit", AUDIT_KEYS), base);
        AuthenticationConfig authentication = AuthenticationSection.parse(top.section("authentication", AuthenticationSection.KEYS), base);
        AdminConfig admin = new AdminConfig(top.section("admin", ADMIN_KEYS).bool("enabled", AdminConfig.DEFAULT.enabled()));
        return built("", () -> new BrokerConfig(listeners, dataDir, store, mqtt, sys, limits, authorization, audit, authentication,
                admin));
    }

    private static List<ListenerConfig> listeners(Section top, Path base) {
        JsonNode list = top.raw("listeners");
        if (list == null || list.isNull() || (list.isArray() && list.isEmpty())) {
            // THREATS.md C22: an explicit empty list is not "use the default", it is a broker that serves nobody.
            throw new ConfigException("listeners", "no listener configured",
                    "name at least one listener, or remove the listeners key to get the default (tcp on 127.0.0.1:1883)");
        }
        if (!list.isArray()) {
            throw new ConfigException("listeners", "expected a list of listeners, found " + Section.describe(list),
                    "start each listener with '- ' on its own line, for example:\n"
                            + "  listeners:\n    - name: local\n      port: 1883");
        }
        List<ListenerConfig> listeners = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            listeners.add(listener(new Section("listeners[" + i + "]", list.get(i), LISTENER_KEYS), "listeners[" + i + "]", base));
        }
        return listeners;
    }

    private static ListenerConfig listener(Section s, String path, Path base) {
        Transport transport = s.enumeration("transport", Transport.class, Transport.TCP);
        int defaultPort = transport == Transport.TCP ? ListenerConfig.TCP_PORT_DEFAULT : ListenerConfig.WEBSOCKET_PORT_DEFAULT;
        int port = s.integer("port", defaultPort);
        String name = s.string("name", Section.spelling(transport) + "-" + port);
        String bind = s.string("bind", ListenerConfig.BIND_DEFAULT);
        if (transport == Transport.TCP && s.has("path")) {
            throw new ConfigException(s.pathOf("path"), "path applies only to websocket listeners",
                    "remove it, or set transport: websocket");
        }
        String wsPath = s.string("path", ListenerConfig.PATH_DEFAULT);
        boolean plaintext = s.bool("allow_plaintext", ListenerConfig.ALLOW_PLAINTEXT_DEFAULT);
        boolean anonymous = s.bool("allow_anonymous", ListenerConfig.ALLOW_ANONYMOUS_DEFAULT);
        TlsConfig tls = s.has("tls") ? tls(s.section("tls", TLS_KEYS), path + ".tls", base) : null;
        return built(path, () -> new ListenerConfig(name, transport, bind, port, wsPath, plaintext, anonymous, tls));
    }

    private static TlsConfig tls(Section s, String at, Path base) {
        boolean builtinCa = s.bool("builtin_ca", TlsConfig.BUILTIN_CA_DEFAULT);
        Path cert = file(s, "cert_file", base);
        Path key = file(s, "key_file", base);
        Path ca = file(s, "ca_file", base);
        Path crl = file(s, "crl_file", base);
        TlsConfig.ClientAuth clientAuth = s.enumeration("client_auth", TlsConfig.ClientAuth.class, TlsConfig.CLIENT_AUTH_DEFAULT);
        List<String> protocols = s.strings("protocols", TlsProfile.STRICT.protocols());
        List<String> suites = s.strings("cipher_suites", TlsProfile.STRICT.cipherSuites());
        Section id = s.section("identity", IDENTITY_KEYS);
        TlsConfig.UsernameFrom usernameFrom = id.enumeration("username_from", TlsConfig.UsernameFrom.class, TlsConfig.UsernameFrom.NONE);
        boolean clientIdMatch = id.bool("require_client_id_match", false);
        TlsProfile profile = built(at, () -> new TlsProfile(protocols, suites));
        return built(at, () -> new TlsConfig(builtinCa, cert, key, ca, crl, clientAuth, profile,
                new TlsConfig.Identity(usernameFrom, clientIdMatch)));
    }

    /** A file path; a relative one resolves against the directory of the configuration file. */
    private static @Nullable Path file(Section s, String key, Path base) {
        if (!s.has(key)) return null;
        String text = s.string(key, "");
        if (text.isBlank()) {
            throw new ConfigException(s.pathOf(key), "is empty", "name a PEM file, such as /etc/bastion/tls/server.pem");
        }
        return base.resolve(text).normalize();
    }

    private static StoreConfig store(Section s) {
        StoreType type = s.enumeration("type", StoreType.class, StoreConfig.TYPE_DEFAULT);
        if (type == StoreType.MEMORY) {
            for (String key : List.of("fsync", "fsync_interval")) {
                if (s.has(key)) {
                    throw new ConfigException(s.pathOf(key), key + " applies only to the rocksdb store",
                            "remove it: the memory store keeps nothing on disk");
                }
            }
            return StoreConfig.IN_MEMORY;
        }
        FsyncPolicy fsync = s.enumeration("fsync", FsyncPolicy.class, StoreConfig.FSYNC_DEFAULT);
        if (fsync != FsyncPolicy.INTERVAL && s.has("fsync_interval")) {
            throw new ConfigException(s.pathOf("fsync_interval"), "fsync_interval applies only when fsync is interval",
                    "remove it, or set fsync: interval");
        }
        var interval = s.duration("fsync_interval", StoreConfig.FSYNC_INTERVAL_DEFAULT);
        return built("store", () -> new StoreConfig(type, fsync, interval));
    }

    private static MqttConfig mqtt(Section s) {
        var d = MqttConfig.DEFAULT;
        int maxPacketSize = s.integer("max_packet_size", d.maxPacketSize());
        int receiveMaximum = s.integer("receive_maximum", d.receiveMaximum());
        int topicAliasMaximum = s.integer("topic_alias_maximum", d.topicAliasMaximum());
        int maximumQos = s.integer("maximum_qos", d.maximumQos());
        boolean retain = s.bool("retain_available", d.retainAvailable());
        boolean wildcards = s.bool("wildcard_subscription_available", d.wildcardSubscriptionAvailable());
        boolean shared = s.bool("shared_subscription_available", d.sharedSubscriptionAvailable());
        boolean subscriptionIds = s.bool("subscription_identifiers_available", d.subscriptionIdentifiersAvailable());
        long sessionExpiry = s.longInteger("max_session_expiry_interval", d.maxSessionExpiryInterval());
        int serverKeepAlive = s.integer("server_keep_alive", d.serverKeepAlive());
        int maxQueued = s.integer("max_queued_messages", d.maxQueuedMessages());
        QueueOverflowPolicy overflow = s.enumeration("queue_overflow_policy", QueueOverflowPolicy.class, d.queueOverflowPolicy());
        int maxTopicLevels = s.integer("max_topic_levels", d.maxTopicLevels());
        int maxClientIdLength = s.integer("max_client_id_length", d.maxClientIdLength());
        var connectTimeout = s.duration("connect_timeout", d.connectTimeout());
        return built("mqtt", () -> new MqttConfig(maxPacketSize, receiveMaximum, topicAliasMaximum, maximumQos,
                retain, wildcards, shared, subscriptionIds, sessionExpiry, serverKeepAlive, maxQueued, overflow,
                maxTopicLevels, maxClientIdLength, connectTimeout));
    }

    private static SysConfig sys(Section s) {
        boolean enabled = s.bool("enabled", SysConfig.ENABLED_DEFAULT);
        var interval = s.duration("interval", SysConfig.INTERVAL_DEFAULT);
        return built("sys", () -> new SysConfig(enabled, interval));
    }

    private static LimitsConfig limits(Section s) {
        var d = LimitsConfig.DEFAULT;
        int maxConnections = s.integer("max_connections", d.maxConnections());
        int perAddress = s.integer("max_connections_per_address", d.maxConnectionsPerAddress());
        Section rate = s.section("connect_rate_per_address", CONNECT_RATE_KEYS);
        int connectRate = rate.integer("rate", d.connectRatePerAddress().rate());
        int connectBurst = rate.integer("burst", d.connectRatePerAddress().burst());
        var connects = built("limits.connect_rate_per_address", () -> new LimitsConfig.ConnectRate(connectRate, connectBurst));
        int maxSubscriptions = s.integer("max_subscriptions_per_client", d.maxSubscriptionsPerClient());
        int maxTopicLength = s.integer("max_topic_length", d.maxTopicLength());
        int maxUserProperties = s.integer("max_user_properties", d.maxUserProperties());
        Section pub = s.section("publish_rate", PUBLISH_RATE_KEYS);
        int messages = pub.integer("messages_per_second", d.publishRate().messagesPerSecond());
        long bytes = pub.longInteger("bytes_per_second", d.publishRate().bytesPerSecond());
        int burst = pub.integer("burst", d.publishRate().burstSeconds());
        var publishRate = built("limits.publish_rate", () -> new LimitsConfig.PublishRate(messages, bytes, burst));
        var action = s.enumeration("rate_limit_action", LimitsConfig.RateLimitAction.class, d.rateLimitAction());
        Section f = s.section("flapping", FLAPPING_KEYS);
        var fd = d.flapping();
        boolean flapOn = f.bool("enabled", fd.enabled());
        int maxConnects = f.integer("max_connects", fd.maxConnects());
        var window = f.duration("window", fd.window());
        var ban = f.duration("ban", fd.ban());
        var maxBan = f.duration("max_ban", fd.maxBan());
        var flapping = built("limits.flapping", () -> new LimitsConfig.Flapping(flapOn, maxConnects, window, ban, maxBan));
        Section o = s.section("overload", OVERLOAD_KEYS);
        var od = d.overload();
        boolean overloadOn = o.bool("enabled", od.enabled());
        double heapHigh = o.decimal("heap_high_watermark", od.heapHighWatermark());
        double heapLow = o.decimal("heap_low_watermark", od.heapLowWatermark());
        double directHigh = o.decimal("direct_memory_high_watermark", od.directMemoryHighWatermark());
        double directLow = o.decimal("direct_memory_low_watermark", od.directMemoryLowWatermark());
        var interval = o.duration("check_interval", od.checkInterval());
        var overload = built("limits.overload", () -> new LimitsConfig.Overload(overloadOn, heapHigh, heapLow, directHigh, directLow, interval));
        return built("limits", () -> new LimitsConfig(maxConnections, perAddress, connects, maxSubscriptions, maxTopicLength,
                maxUserProperties, publishRate, action, flapping, overload));
    }

    /** Runs a record constructor, placing its errors (relative key paths) under {@code path}. */
    private static <T> T built(String path, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (ConfigException e) {
            throw path.isEmpty() ? e : e.under(path);
        }
    }

    private static String read(Path file, String origin) {
        try {
            if (Files.isDirectory(file)) {
                throw new ConfigException(origin, ConfigException.WHOLE_FILE, "is a directory, not a file",
                        "point --config at the YAML file itself", null);
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ConfigException(origin, ConfigException.WHOLE_FILE,
                        "is larger than " + MAX_FILE_BYTES + " bytes", "a configuration file is a page of YAML; check the path", null);
            }
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(origin, ConfigException.WHOLE_FILE, "file not found",
                    "check the path; docs/configuration.md has an example file to start from", e);
        } catch (AccessDeniedException e) {
            throw new ConfigException(origin, ConfigException.WHOLE_FILE, "permission denied",
                    "make the file readable by the user running the broker", e);
        } catch (CharacterCodingException e) {
            throw new ConfigException(origin, ConfigException.WHOLE_FILE, "is not valid UTF-8 text",
                    "save the file as UTF-8", e);
        } catch (IOException e) {
            throw new ConfigException(origin, ConfigException.WHOLE_FILE, "cannot be read: " + e.getMessage(),
                    "check the path and its permissions", e);
        }
    }

    private static ConfigException syntaxError(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? ConfigException.WHOLE_FILE
                : "line " + at.getLineNr() + ", column " + at.getColumnNr();
        String detail = e.getOriginalMessage().lines().findFirst().orElse("invalid YAML").strip();
        String hint = detail.startsWith("Duplicate field")
                ? "each key may appear only once in a mapping; remove one of them"
                : "fix the YAML syntax near " + where + ": check indentation (spaces, not tabs), colons and quotes";
        return new ConfigException(null, where, "not valid YAML: " + detail, hint, e);
    }
}
