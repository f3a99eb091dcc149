package io.bastionmq.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bastionmq.Broker;
import io.bastionmq.config.LimitsConfig;
import io.bastionmq.bench.client.ClientOptions;
import io.bastionmq.bench.client.ClientTls;
import io.bastionmq.bench.client.Transport;
import io.bastionmq.bench.report.Json;
import io.bastionmq.bench.report.SvgChart;
import io.bastionmq.bench.run.ConnResult;
import io.bastionmq.bench.run.ConnRun;
import io.bastionmq.bench.run.ConnSpec;
import io.bastionmq.bench.run.FlowResult;
import io.bastionmq.bench.run.FlowRun;
import io.bastionmq.bench.run.FlowSpec;
import io.bastionmq.codec.packet.QoS;
import io.bastionmq.config.BrokerConfig;
import io.bastionmq.config.ListenerConfig;
import io.bastionmq.config.TlsConfig;
import io.bastionmq.security.ca.CaFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The load tool against an in-process dev broker on loopback (plain and TLS listeners), a couple of seconds per scenario. */
class BenchSmokeTest {
    private static Broker broker;
    private static Transport transport;
    private static ClientOptions client;
    private static ClientOptions tlsClient;
    private static Path dataDir;

    @BeforeAll
    static void start() throws Exception {
        // The load tool opens many connections from one address at full speed: the product's
        // per-address connect rate and per-client publish rate would (rightly) throttle it.
        BrokerConfig dev = BrokerConfig.dev(0).withLimits(LimitsConfig.PERMISSIVE);
        // Plus a TLS listener with the built-in CA, which it creates in <data_dir>/ca/ at start.
        dataDir = Files.createTempDirectory("bench-smoke");
        ListenerConfig tls = ListenerConfig.loopbackTls("tls", ListenerConfig.Transport.TCP, 0,
                TlsConfig.builtin(TlsConfig.ClientAuth.NONE));
        List<ListenerConfig> listeners = new ArrayList<>(dev.listeners());
        listeners.add(tls);
        broker = Broker.start(new BrokerConfig(listeners, dataDir, dev.store(), dev.mqtt(), dev.sys(), dev.limits(),
                dev.authorization(), dev.audit(), dev.authentication()));
        transport = new Transport(1);
        client = ClientOptions.loopback(broker.port("dev"));
        tlsClient = ClientOptions.loopback(broker.port("tls"))
                .withTls(ClientTls.create(new CaFiles(dataDir.resolve("ca")).caCert(), null, null));
    }

    @AfterAll
    static void stop() throws Exception {
        transport.close();
        broker.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void fanInAtQos1DeliversEveryMessageExactlyOnce() throws Exception {
        FlowSpec spec = new FlowSpec("fanin", client, 8, 1, "bench/fanin/%i", "bench/fanin/#", QoS.AT_LEAST_ONCE,
                64, 100, 0, 100_000_000L, 0, 1);

        FlowResult result = FlowRun.run(spec, transport, sample -> { });

        assertThat(result.received()).isPositive().isEqualTo(result.sent());
        assertThat(result.receivedPerSecond()).isPositive();
        assertThat(result.lost()).isZero();
        assertThat(result.duplicated()).isZero();
        assertThat(result.errors()).as(result.firstError()).isZero();
        JsonNode json = new ObjectMapper().readTree(Json.line(result.figures()));
        assertThat(json.get("scenario").asText()).isEqualTo("fanin");
        assertThat(json.get("msgs_per_s").asLong()).isPositive();
        assertThat(json.get("lost").asLong()).isZero();
    }

    @Test
    void persistentFanInAtQos1DeliversEveryMessageExactlyOnce() throws Exception {
        // --persistent: the subscriber has Clean Session 0, so every QoS 1 delivery to it is put in the store first.
        FlowSpec spec = new FlowSpec("fanin", client, 2, 1, "bench/durable/%i", "bench/durable/#", QoS.AT_LEAST_ONCE,
                64, 100, 0, 100_000_000L, 0, 1, true);

        FlowResult result = FlowRun.run(spec, transport, sample -> { });

        assertThat(result.received()).isPositive().isEqualTo(result.sent());
        assertThat(result.lost()).isZero();
        assertThat(result.duplicated()).isZero();
        assertThat(result.errors()).as(result.firstError()).isZero();
    }

    @Test
    void latencyScenarioHoldsItsRateAndMeasuresPercentiles() throws Exception {
        FlowSpec spec = new FlowSpec("latency", client, 1, 1, "bench/latency/%i", "bench/latency/#", QoS.AT_LEAST_ONCE,
                64, 100, 2_000, 100_000_000L, 0, 2);

        FlowResult result = FlowRun.run(spec, transport, sample -> { });

        assertThat(result.receivedPerSecond()).isBetween(1_500.0, 2_500.0);
        assertThat(result.lost()).isZero();
        assertThat(result.duplicated()).isZero();
        assertThat(result.latency().count()).isPositive();
        assertThat(result.latency().p50()).isPositive().isLessThanOrEqualTo(result.latency().p99());
        JsonNode json = new ObjectMapper().readTree(Json.line(result.figures()));
        assertThat(json.get("lat_p99_us").asDouble()).isPositive();
        assertThat(SvgChart.render("latency", "msg/s", result.timeline())).startsWith("<svg").contains("<polyline");
    }

    @Test
    void connectChurnConnectsAndDisconnectsRepeatedly() throws Exception {
        ConnResult result = ConnRun.run(new ConnSpec(client, 4, 0, true, 500, 2), transport, sample -> { });

        assertThat(result.connected()).isEqualTo(500);
        assertThat(result.failed()).as(result.firstError()).isZero();
        JsonNode json = new ObjectMapper().readTree(Json.line(result.figures()));
        assertThat(json.get("conn_per_s").asLong()).isPositive();
    }

    @Test
    void tlsChurnMakesFullHandshakesAgainstTheBuiltInCa() throws Exception {
        ConnResult result = ConnRun.run(new ConnSpec(tlsClient, 4, 0, true, 100, 3), transport, sample -> { });

        assertThat(result.connected()).isEqualTo(100);
        assertThat(result.failed()).as(result.firstError()).isZero();
        JsonNode json = new ObjectMapper().readTree(Json.line(result.figures()));
        assertThat(json.get("conn_per_s").asLong()).isPositive();
        assertThat(json.get("tls").asText()).startsWith("TLSv1.3 full handshake");
    }

    @Test
    void fanInRunsOverTls() throws Exception {
        FlowSpec spec = new FlowSpec("fanin", tlsClient, 2, 1, "bench/tls/%i", "bench/tls/#", QoS.AT_LEAST_ONCE,
                64, 100, 0, 100_000_000L, 0, 1);

        FlowResult result = FlowRun.run(spec, transport, sample -> { });

        assertThat(result.received()).isPositive().isEqualTo(result.sent());
        assertThat(result.lost()).isZero();
        assertThat(result.errors()).as(result.firstError()).isZero();
    }
}
