package io.bastionmq.config;

import io.bastionmq.config.ListenerConfig.Transport;
import io.bastionmq.config.MqttConfig.QueueOverflowPolicy;
import io.bastionmq.config.StoreConfig.StoreType;
import io.bastionmq.store.FsyncPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void fullFileSetsEveryKey() {
        BrokerConfig c = ConfigFiles.load(dir, """
                # every key, none at its default
                data_dir: /var/lib/bastion
                listeners:
                  - name: local
                    transport: tcp
                    bind: 127.0.0.1
                    port: 1884
                    allow_anonymous: true
                  - name: lan-ws
                    transport: websocket
                    bind: 0.0.0.0
                    port: 9001
                    path: /ws
                    allow_plaintext: true
                    allow_anonymous: false
                store:
                  type: rocksdb
                  fsync: interval
                  fsync_interval: 250ms
                mqtt:
                  max_packet_size: 65536
                  receive_maximum: 100
                  topic_alias_maximum: 0
                  maximum_qos: 1
                  retain_available: false
                  wildcard_subscription_available: false
                  shared_subscription_available: false
                  subscription_identifiers_available: false
                  max_session_expiry_interval: 4294967295
                  server_keep_alive: 60
                  max_queued_messages: 50
                  queue_overflow_policy: drop_new
                  max_topic_levels: 8
                  max_client_id_length: 23
                  connect_timeout: 5s
                sys:
                  enabled: false
                  interval: 1m
                """);
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/bastion"));
        assertThat(c.listeners()).containsExactly(
                new ListenerConfig("local", Transport.TCP, "127.0.0.1", 1884, "/mqtt", false, true),
                new ListenerConfig("lan-ws", Transport.WEBSOCKET, "0.0.0.0", 9001, "/ws", true, false));
        assertThat(c.store()).isEqualTo(new StoreConfig(StoreType.ROCKSDB, FsyncPolicy.INTERVAL, Duration.ofMillis(250)));
        assertThat(c.mqtt()).isEqualTo(new MqttConfig(65536, 100, 0, 1, false, false, false, false,
                4_294_967_295L, 60, 50, QueueOverflowPolicy.DROP_NEW, 8, 23, Duration.ofSeconds(5)));
        assertThat(c.sys()).isEqualTo(new SysConfig(false, Duration.ofMinutes(1)));
    }

    @Test
    void memoryStoreNeedsNoFsyncSettings() {
        assertThat(ConfigFiles.load(dir, "store:\n  type: memory\n").store()).isEqualTo(StoreConfig.IN_MEMORY);
    }

    @Test
    void enumsAreMatchedWithoutRegardToCase() {
        assertThat(ConfigFiles.load(dir, "store:\n  fsync: NEVER\n").store().fsync()).isEqualTo(FsyncPolicy.NEVER);
    }

    @Test
    void portZeroIsAllowedTwiceForTests() {
        BrokerConfig c = ConfigFiles.load(dir, "listeners:\n  - {name: a, port: 0}\n  - {name: b, port: 0}\n");
        assertThat(c.listeners()).extracting(ListenerConfig::port).containsExactly(0, 0);
    }

    /** {@code limits}, its 10 keys, and the keys of its 4 subsections (2 + 3 + 5 + 6). */
    private static final int LIMITS_KEY_COUNT = 1 + 10 + 2 + 3 + 5 + 6;

    /** {@code authorization} (4 keys, 6 per rule) and {@code audit} (5 keys), with their two top-level names. */
    private static final int AUTHZ_AUDIT_KEY_COUNT = 2 + 4 + 6 + 5;

    /** {@code authentication}, its 6 keys, and the keys of hashing (4), password_policy (2), brute_force (4), jwt (7). */
    private static final int AUTHN_KEY_COUNT = 1 + 6 + 4 + 2 + 4 + 7;

    /** {@code admin} and its 1 key ({@code enabled}). */
    private static final int ADMIN_KEY_COUNT = 1 + 1;

    /** {@code listeners[].tls}, its 9 keys, and the 2 of {@code listeners[].tls.identity}. */
    private static final int TLS_KEY_COUNT = 1 + 9 + 2;

    @Test
    void knownKeysCoverEverySection() {
        List<String> keys = ConfigLoader.knownKeys();
        assertThat(keys).contains("data_dir", "listeners[].allow_plaintext", "store.fsync_interval",
                "mqtt.max_packet_size", "mqtt.connect_timeout", "sys.interval", "admin.enabled");
        assertThat(keys).contains("listeners[].tls", "listeners[].tls.client_auth", "listeners[].tls.identity.username_from");
        assertThat(keys).hasSize(5 + 7 + 3 + 15 + 2 + LIMITS_KEY_COUNT + TLS_KEY_COUNT + AUTHZ_AUDIT_KEY_COUNT + AUTHN_KEY_COUNT
                + ADMIN_KEY_COUNT);
    }

    @Test
    void adminEndpointIsOnByDefaultAndCanBeTurnedOff() {
        assertThat(ConfigLoader.parse("data_dir: d", dir).admin().enabled()).isTrue();
        assertThat(ConfigLoader.parse("admin: {enabled: false}", dir).admin().enabled()).isFalse();
        assertThatThrownBy(() -> ConfigLoader.parse("admin: {enable: false}", dir)).hasMessageContaining("admin.enable");
    }

    @Test
    void listenersAreImmutable() {
        BrokerConfig c = BrokerConfig.defaults(dir);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.listeners().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
