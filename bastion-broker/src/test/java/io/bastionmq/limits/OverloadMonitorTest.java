package io.bastionmq.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.config.LimitsConfig;
import io.bastionmq.metrics.Metrics;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class OverloadMonitorTest {
    private final FakeMemoryProbe probe = new FakeMemoryProbe();
    private final Set<LimitedConnection> connections = ConcurrentHashMap.newKeySet();
    private final Metrics metrics = new Metrics();
    private final OverloadMonitor monitor = new OverloadMonitor(LimitsConfig.Overload.DEFAULT, probe, connections, metrics);

    @Test
    void pausesTheHeaviestPublishersOnlyAndResumesThemOnRecovery() {
        RecordingConnection heavy = new RecordingConnection("192.0.2.1", "heavy", null);
        RecordingConnection light = new RecordingConnection("192.0.2.2", "light", null);
        RecordingConnection idle = new RecordingConnection("192.0.2.3", "idle", null);
        connections.addAll(Set.of(heavy, light, idle));
        heavy.bytes = 10_000_000;
        light.bytes = 1_000;
        probe.heap = 0.9;
        monitor.run();
        assertThat(monitor.isOverloaded()).isTrue();
        assertThat(heavy.paused).isTrue();
        assertThat(light.paused).as("a trickle is not what fills memory").isFalse();
        assertThat(idle.paused).isFalse();
        assertThat(metrics.overloadActive.get()).isEqualTo(1);
        assertThat(metrics.overloadPausedConnections.get()).isEqualTo(1);

        probe.heap = 0.75; // between the marks: still overloaded, still paused
        monitor.run();
        assertThat(heavy.paused).isTrue();

        probe.heap = 0.5;
        monitor.run();
        assertThat(monitor.isOverloaded()).isFalse();
        assertThat(heavy.paused).isFalse();
        assertThat(metrics.overloadActive.get()).isZero();
        assertThat(metrics.overloadEpisodes.sum()).isEqualTo(1);
    }

    @Test
    void directMemoryAloneTriggersOverload() {
        probe.direct = 0.95;
        monitor.run();
        assertThat(monitor.isOverloaded()).isTrue();
    }
}
