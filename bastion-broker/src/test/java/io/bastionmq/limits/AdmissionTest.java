package io.bastionmq.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.codec.reason.ConnAckReason;
import io.bastionmq.codec.reason.DisconnectReason;
import io.bastionmq.config.LimitsConfig;
import io.bastionmq.metrics.Metrics;
import io.bastionmq.store.memory.MemoryStore;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AdmissionTest {
    private static final InetAddress A = Cidr.literal("192.0.2.1");
    private static final InetAddress B = Cidr.literal("192.0.2.2");

    private final AtomicLong nanos = new AtomicLong();
    private final FakeMemoryProbe probe = new FakeMemoryProbe();
    private final Metrics metrics = new Metrics();

    private Limits limits(int max, int perAddress, int rate, int burst) {
        LimitsConfig d = LimitsConfig.DEFAULT;
        LimitsConfig config = new LimitsConfig(max, perAddress, new LimitsConfig.ConnectRate(rate, burst),
                d.maxSubscriptionsPerClient(), d.maxTopicLength(), d.maxUserProperties(), d.publishRate(),
                d.rateLimitAction(), new LimitsConfig.Flapping(true, 3, Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ofHours(1)),
                d.overload());
        return new Limits(config, new MemoryStore(), probe, metrics, Clock.systemUTC(), nanos::get);
    }

    @Test
    void perAddressLimitRefusesWithQuotaExceededAndReleaseFreesTheSlot() {
        Limits l = limits(100, 2, 1000, 1000);
        assertThat(l.admission().admit(A)).isNull();
        assertThat(l.admission().admit(A)).isNull();
        assertThat(l.admission().admit(A)).extracting(Refusal::reason).isEqualTo(ConnAckReason.QUOTA_EXCEEDED);
        assertThat(l.admission().admit(B)).as("another address has its own count").isNull();
        l.admission().release(A);
        assertThat(l.admission().admit(A)).isNull();
        assertThat(metrics.connectionLimitRefused.sum()).isEqualTo(1);
    }

    @Test
    void globalLimit() {
        Limits l = limits(2, 100, 1000, 1000);
        l.admission().admit(A);
        l.admission().admit(B);
        assertThat(l.admission().admit(Cidr.literal("192.0.2.3"))).extracting(Refusal::reason).isEqualTo(ConnAckReason.QUOTA_EXCEEDED);
        assertThat(l.admission().openConnections()).isEqualTo(2);
    }

    @Test
    void connectRateRefusesWithConnectionRateExceededUntilTheBucketRefills() {
        Limits l = limits(100, 100, 10, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(l.admission().admit(A)).isNull();
        }
        assertThat(l.admission().admit(A)).extracting(Refusal::reason).isEqualTo(ConnAckReason.CONNECTION_RATE_EXCEEDED);
        nanos.addAndGet(100_000_000); // 100 ms at 10/s: one token
        assertThat(l.admission().admit(A)).isNull();
        assertThat(metrics.connectRateRefused.sum()).isEqualTo(1);
    }

    @Test
    void bannedAddressAndOverloadAreRefusedFirst() {
        Limits l = limits(100, 100, 1000, 1000);
        l.bans().add(new Ban(BanKind.ADDRESS, "192.0.2.0/24", "test", Instant.now(), Instant.MAX));
        assertThat(l.admission().admit(A)).extracting(Refusal::reason).isEqualTo(ConnAckReason.BANNED);
        probe.heap = 0.95;
        new OverloadMonitor(l.config().overload(), probe, l.connections(), metrics).run();
        assertThat(l.admission().admit(Cidr.literal("198.51.100.1"))).as("this monitor is not the broker's").isNull();
    }

    @Test
    void flappingClientIsBannedAndLaterConnectsAreRefused() {
        Limits l = limits(100, 100, 1000, 1000);
        for (int i = 0; i < 3; i++) {
            assertThat(l.onConnect("flapper", false, null, A)).isNull();
        }
        assertThat(l.onConnect("flapper", false, null, A)).extracting(Refusal::reason).isEqualTo(ConnAckReason.BANNED);
        assertThat(l.bans().matchClient("flapper", null)).isNotNull();
        assertThat(l.onConnect("flapper", false, null, A)).extracting(Refusal::reason).isEqualTo(ConnAckReason.BANNED);
        assertThat(metrics.flappingBans.sum()).isEqualTo(1);
        for (int i = 0; i < 10; i++) {
            assertThat(l.onConnect("auto-" + i, true, null, A)).as("assigned ids cannot flap").isNull();
        }
    }

    @Test
    void aBanAddedAtRunTimeCutsMatchingLiveConnectionsWithAdministrativeAction() {
        Limits l = limits(100, 100, 1000, 1000);
        RecordingConnection byId = new RecordingConnection("192.0.2.1", "bad", null);
        RecordingConnection byUser = new RecordingConnection("192.0.2.2", "c2", "mallory");
        RecordingConnection byBlock = new RecordingConnection("203.0.113.9", "c3", null);
        RecordingConnection innocent = new RecordingConnection("192.0.2.4", "good", "alice");
        l.connections().add(byId);
        l.connections().add(byUser);
        l.connections().add(byBlock);
        l.connections().add(innocent);
        Instant now = Instant.now();
        l.bans().add(new Ban(BanKind.CLIENT_ID, "bad", "t", now, Instant.MAX));
        l.bans().add(new Ban(BanKind.USERNAME, "mallory", "t", now, Instant.MAX));
        l.bans().add(new Ban(BanKind.ADDRESS, "203.0.113.0/24", "t", now, Instant.MAX));
        assertThat(byId.disconnects).containsExactly(DisconnectReason.ADMINISTRATIVE_ACTION);
        assertThat(byUser.disconnects).containsExactly(DisconnectReason.ADMINISTRATIVE_ACTION);
        assertThat(byBlock.disconnects).containsExactly(DisconnectReason.ADMINISTRATIVE_ACTION);
        assertThat(innocent.disconnects).isEmpty();
        assertThat(metrics.bansEnforcedLive.sum()).isEqualTo(3);
    }
}
