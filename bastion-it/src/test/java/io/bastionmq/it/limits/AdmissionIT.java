package io.bastionmq.it.limits;

import static io.bastionmq.testkit.Packets.connect311;
import static io.bastionmq.testkit.Packets.connect5;
import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.it.support.TestBroker;
import io.bastionmq.limits.Ban;
import io.bastionmq.limits.BanKind;
import io.bastionmq.limits.MemoryProbe;
import io.bastionmq.testkit.RawClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * THREATS.md C14, C17, C18 over real sockets: connections refused at admission are answered at
 * CONNECT with the MQTT 5 reason (MQTT5 3.2.2.2) or the 3.1.1 return code, then closed.
 */
class AdmissionIT {
    private static final int SUCCESS = 0x00;
    private static final int SERVER_UNAVAILABLE_311 = 0x03;
    private static final int NOT_AUTHORIZED_311 = 0x05;
    private static final int SERVER_BUSY = 0x89;
    private static final int BANNED = 0x8A;
    private static final int QUOTA_EXCEEDED = 0x97;
    private static final int ADMINISTRATIVE_ACTION = 0x98;
    private static final int CONNECTION_RATE_EXCEEDED = 0x9F;

    private static RawClient connected(TestBroker broker, String clientId) {
        RawClient c = RawClient.connect("127.0.0.1", broker.port());
        c.send(connect5(clientId)).expectConnAck(SUCCESS);
        return c;
    }

    @Test
    void connectionsBeyondThePerAddressLimitGetQuotaExceeded() {
        try (TestBroker broker = TestBroker.builder().limits(new LimitsBuilder().maxConnectionsPerAddress(3).build()).start()) {
            List<RawClient> open = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    open.add(connected(broker, "c" + i));
                }
                try (RawClient fourth = RawClient.connect("127.0.0.1", broker.port())) {
                    fourth.send(connect5("c3")).expectConnAck(QUOTA_EXCEEDED);
                    fourth.expectClosed();
                }
                try (RawClient v311 = RawClient.connect("127.0.0.1", broker.port())) {
                    v311.send(connect311("c4", true, 60)).expectConnAck(SERVER_UNAVAILABLE_311);
                }
                open.remove(0).close();
                awaitOpen(broker, 2);
                open.add(connected(broker, "c5")); // the slot is free again
            } finally {
                open.forEach(RawClient::close);
            }
            assertThat(broker.broker().metrics().connectionLimitRefused.sum()).isEqualTo(2);
        }
    }

    @Test
    void connectsFasterThanTheRateGetConnectionRateExceeded() {
        try (TestBroker broker = TestBroker.builder().limits(new LimitsBuilder().connectRate(1, 3).build()).start()) {
            for (int i = 0; i < 3; i++) {
                try (RawClient c = connected(broker, "burst" + i)) {
                    c.send(io.bastionmq.testkit.Packets.disconnect5(0));
                }
            }
            try (RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
                c.send(connect5("burst3")).expectConnAck(CONNECTION_RATE_EXCEEDED);
                c.expectClosed();
            }
            assertThat(broker.broker().metrics().connectRateRefused.sum()).isEqualTo(1);
        }
    }

    @Test
    void bannedAddressAndClientIdGetBannedAndLiveConnectionsAreCut() {
        try (TestBroker broker = TestBroker.start()) {
            var bans = broker.broker().limits().bans();
            try (RawClient live = connected(broker, "victim")) {
                bans.add(new Ban(BanKind.CLIENT_ID, "victim", "test", Instant.now(), Instant.MAX));
                live.expectDisconnect(ADMINISTRATIVE_ACTION); // MQTT5 3.14.2.1: DISCONNECT has no 0x8A
            }
            try (RawClient again = RawClient.connect("127.0.0.1", broker.port())) {
                again.send(connect5("victim")).expectConnAck(BANNED);
            }
            try (RawClient v311 = RawClient.connect("127.0.0.1", broker.port())) {
                v311.send(connect311("victim", true, 60)).expectConnAck(NOT_AUTHORIZED_311);
            }
            try (RawClient other = connected(broker, "bystander")) {
                bans.add(new Ban(BanKind.ADDRESS, "127.0.0.0/8", "test", Instant.now(), Instant.now().plusSeconds(60)));
                other.expectDisconnect(ADMINISTRATIVE_ACTION);
            }
            try (RawClient refused = RawClient.connect("127.0.0.1", broker.port())) {
                refused.send(connect5("anyone")).expectConnAck(BANNED);
            }
            assertThat(bans.remove(BanKind.ADDRESS, "127.0.0.0/8")).isTrue();
            connected(broker, "anyone").close();
            assertThat(broker.broker().metrics().bannedRefused.sum()).isEqualTo(3);
        }
    }

    @Test
    void overloadRefusesNewConnectionsWithServerBusyAndRecoversByItself() throws Exception {
        FakeProbe probe = new FakeProbe();
        try (TestBroker broker = TestBroker.builder()
                .limits(new LimitsBuilder().overload(Duration.ofMillis(20)).build()).memoryProbe(probe).start()) {
            try (RawClient before = connected(broker, "before")) {
                probe.heap = 0.95;
                awaitOverloaded(broker, true);
                try (RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
                    c.send(connect5("during")).expectConnAck(SERVER_BUSY);
                }
                before.send(io.bastionmq.testkit.Packets.pingreq()).expect(io.bastionmq.testkit.PacketType.PINGRESP);
                probe.heap = 0.75; // between the marks: still overloaded
                Thread.sleep(100);
                assertThat(broker.broker().limits().isOverloaded()).isTrue();
                probe.heap = 0.40;
                awaitOverloaded(broker, false);
                connected(broker, "after").close();
            }
            assertThat(broker.broker().metrics().overloadRefused.sum()).isEqualTo(1);
        }
    }

    static void awaitOverloaded(TestBroker broker, boolean expected) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (broker.broker().limits().isOverloaded() != expected) {
            assertThat(System.nanoTime()).as("overload state never became " + expected).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static void awaitOpen(TestBroker broker, int n) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (broker.broker().limits().admission().openConnections() != n) {
            assertThat(System.nanoTime()).as("open connections never became " + n).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    static final class FakeProbe implements MemoryProbe {
        volatile double heap;

        @Override
        public double heapUsedFraction() {
            return heap;
        }

        @Override
        public double directMemoryUsedFraction() {
            return 0;
        }
    }
}
