package io.bastionmq.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bastionmq.Broker;
import io.bastionmq.config.LimitsConfig;
import io.bastionmq.bench.client.ClientOptions;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The load tool against an in-process dev broker on loopback, a couple of seconds per scenario. */
class BenchSmokeTest {
    private static Broker broker;
    private static Transport transport;
    private static ClientOptions client;

    @BeforeAll
    static void start() {
        // The load tool opens many connections from one address at full speed: the product's
        // per-address connect rate and per-client publish rate would (rightly) throttle it.
        broker = Broker.start(BrokerConfig.dev(0).withLimits(LimitsConfig.PERMISSIVE));
        transport = new Transport(1);
        client = ClientOptions.loopback(broker.port("dev"));
    }

    @AfterAll
    static void stop() {
        transport.close();
        broker.close();
    }

    @Test
    void fanInAtQos1DeliversEveryMessageExactlyOnce() throws Exception {
        FlowSpec spec = new FlowSpec("fanin", client, 8, 1, "bench/fanin/%i", "bench/fanin/#", QoS.AT_LEAST_ONCE,
                64, 100, 0, 100_000_000L, 0, 2);

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
}
