package io.bastionmq.config;

import io.bastionmq.config.ListenerConfig.Transport;
import io.bastionmq.config.MqttConfig.QueueOverflowPolicy;
import io.bastionmq.config.StoreConfig.StoreType;
import io.bastionmq.store.FsyncPolicy;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigDefaultsTest {
    @TempDir
    Path dir;

    @Test
    void mqttDefaultsMatchTheDocumentedValues() {
        MqttConfig m = MqttConfig.DEFAULT;
        assertThat(m.maxPacketSize()).isEqualTo(1_048_576);
        assertThat(m.receiveMaximum()).isEqualTo(1024);
        assertThat(m.topicAliasMaximum()).isEqualTo(64);
        assertThat(m.maximumQos()).isEqualTo(2);
        assertThat(m.retainAvailable()).isTrue();
        assertThat(m.wildcardSubscriptionAvailable()).isTrue();
        assertThat(m.sharedSubscriptionAvailable()).isTrue();
        assertThat(m.subscriptionIdentifiersAvailable()).isTrue();
        assertThat(m.maxSessionExpiryInterval()).isEqualTo(604_800L);
        assertThat(m.serverKeepAlive()).isZero();
        assertThat(m.maxQueuedMessages()).isEqualTo(1000);
        assertThat(m.queueOverflowPolicy()).isEqualTo(QueueOverflowPolicy.DROP_OLDEST);
        assertThat(m.maxTopicLevels()).isEqualTo(32);
        assertThat(m.maxClientIdLength()).isEqualTo(128);
        assertThat(m.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void defaultProfileIsLoopbackTcpAndNetworkTlsWithTheBuiltinCaAndADurableStoreWithoutAnonymousAccess() {
        BrokerConfig c = BrokerConfig.defaults(dir);
        assertThat(c.listeners()).containsExactly(
                new ListenerConfig("default", Transport.TCP, "127.0.0.1", 1883, "/mqtt", false, false),
                new ListenerConfig("tls", Transport.TCP, "0.0.0.0", 8883, "/mqtt", false, false,
                        TlsConfig.builtin(TlsConfig.ClientAuth.OPTIONAL)));
        // C9, C22: plaintext stays on loopback; only the TLS listener faces the network.
        assertThat(c.listeners()).filteredOn(l -> l.tls() == null).allMatch(ListenerConfig::isLoopback);
        assertThat(c.listeners()).noneMatch(ListenerConfig::allowAnonymous);
        assertThat(c.listeners().get(1).uri()).isEqualTo("mqtts://0.0.0.0:8883");
        assertThat(c.listeners().get(1).tls().profile()).isEqualTo(TlsProfile.STRICT);
        assertThat(c.dataDir()).isEqualTo(dir);
        assertThat(c.store()).isEqualTo(new StoreConfig(StoreType.ROCKSDB, FsyncPolicy.ALWAYS, Duration.ofMillis(100)));
        assertThat(c.mqtt()).isEqualTo(MqttConfig.DEFAULT);
        assertThat(c.sys()).isEqualTo(new SysConfig(true, Duration.ofSeconds(10)));
        assertThat(c.startupWarnings()).isEmpty();
    }

    @Test
    void devProfileIsTcpOnLoopbackInMemoryWithWebSocketOnlyOnRequest() {
        BrokerConfig c = BrokerConfig.dev(1999);
        assertThat(c.listeners()).extracting(ListenerConfig::uri).containsExactly("tcp://127.0.0.1:1999");
        assertThat(c.listeners()).allMatch(l -> l.isLoopback() && l.allowAnonymous());
        assertThat(c.store().type()).isEqualTo(StoreType.MEMORY);
        assertThat(c.startupWarnings()).anyMatch(w -> w.contains("in memory"));

        BrokerConfig ws = BrokerConfig.dev(1999, 8099);
        assertThat(ws.listeners()).extracting(ListenerConfig::uri)
                .containsExactly("tcp://127.0.0.1:1999", "ws://127.0.0.1:8099/mqtt");
    }

    @Test
    void emptyFileIsTheDefaultProfileWithItsDataDirNextToTheFile() {
        BrokerConfig c = ConfigFiles.load(dir, "");
        assertThat(c).isEqualTo(BrokerConfig.defaults(dir.resolve("data")));
        assertThat(c.listeners()).noneMatch(ListenerConfig::allowAnonymous);
    }

    @Test
    void emptySectionsTakeDefaults() {
        BrokerConfig c = ConfigFiles.load(dir, "mqtt:\nsys:\nstore:\n");
        assertThat(c.mqtt()).isEqualTo(MqttConfig.DEFAULT);
        assertThat(c.sys()).isEqualTo(SysConfig.DEFAULT);
        assertThat(c.store()).isEqualTo(StoreConfig.DURABLE);
    }

    @Test
    void listenerKeysTakeSecureDefaults() {
        BrokerConfig c = ConfigFiles.load(dir, "listeners:\n  - {}\n  - transport: websocket\n");
        assertThat(c.listeners()).containsExactly(
                new ListenerConfig("tcp-1883", Transport.TCP, "127.0.0.1", 1883, "/mqtt", false, false),
                new ListenerConfig("websocket-8083", Transport.WEBSOCKET, "127.0.0.1", 8083, "/mqtt", false, false));
    }

    @Test
    void relativeDataDirResolvesAgainstTheFileAndAbsoluteStaysAsIs() {
        assertThat(ConfigFiles.load(dir, "data_dir: ../state\n").dataDir()).isEqualTo(dir.getParent().resolve("state"));
        assertThat(ConfigFiles.load(dir, "data_dir: /var/lib/bastion\n").dataDir()).isEqualTo(Path.of("/var/lib/bastion"));
    }

    @Test
    void dataDirCanBeOverridden() {
        Path other = dir.resolve("other");
        assertThat(BrokerConfig.defaults(dir).withDataDir(other).dataDir()).isEqualTo(other);
    }

    @Test
    void durationsAreWrittenInTheirShortestForm() {
        assertThat(DurationSyntax.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationSyntax.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationSyntax.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(DurationSyntax.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(DurationSyntax.format(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(DurationSyntax.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(DurationSyntax.format(Duration.ofMinutes(60))).isEqualTo("1h");
    }
}
