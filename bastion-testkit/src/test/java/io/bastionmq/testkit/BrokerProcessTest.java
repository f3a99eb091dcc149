package io.bastionmq.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@link FakeBroker} in a child JVM, since the broker itself is not on this module's class path. */
class BrokerProcessTest {

    @TempDir
    Path dir;

    private BrokerProcess startFake(int port, String mode) {
        return BrokerProcess.start(FakeBroker.class.getName(), List.of(String.valueOf(port), mode), dir, port);
    }

    @Test
    void startsASeparateJvmAndWaitsForTheLogLineAndThePort() {
        int port = BrokerProcess.freePort();
        try (BrokerProcess broker = startFake(port, "ready")) {
            assertThat(broker.isAlive()).isTrue();
            assertThat(broker.pid()).isNotEqualTo(ProcessHandle.current().pid());
            assertThat(broker.log()).contains("listening on 127.0.0.1:" + port);
            assertThat(broker.logFile()).isEqualTo(dir.resolve("broker-1.log"));
            try (RawClient client = RawClient.connect("127.0.0.1", port)) {
                client.expect(PacketType.PINGRESP);
                client.expectClosed();
            }
        }
    }

    @Test
    void killIsSigkillAndLeavesNothingRunning() {
        int port = BrokerProcess.freePort();
        BrokerProcess broker = startFake(port, "ready");
        long pid = broker.pid();
        broker.kill();
        assertThat(broker.isAlive()).isFalse();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        assertThat(BrokerProcess.freePort()).isPositive();
    }

    @Test
    void stopSendsSigtermAndReturnsTheExitCode() {
        BrokerProcess broker = startFake(BrokerProcess.freePort(), "ready");
        // The JVM exits with 128 + 15 when SIGTERM ends it.
        assertThat(broker.stop(Duration.ofSeconds(10))).isEqualTo(143);
        assertThat(broker.isAlive()).isFalse();
    }

    @Test
    void restartsInTheSameDirectoryWithANewLogFile() {
        int port = BrokerProcess.freePort();
        startFake(port, "ready").kill();
        try (BrokerProcess second = startFake(port, "ready")) {
            assertThat(second.logFile()).isEqualTo(dir.resolve("broker-2.log"));
        }
    }

    @Test
    void failsWithTheLogTailWhenTheProcessDiesDuringStartup() {
        assertThatThrownBy(() -> startFake(BrokerProcess.freePort(), "fail"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("config error: no listener");
    }

    @Test
    void freePortIsBindable() throws Exception {
        int port = BrokerProcess.freePort();
        try (var socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }
}
