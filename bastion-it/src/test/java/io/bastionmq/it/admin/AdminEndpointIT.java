package io.bastionmq.it.admin;

import static io.bastionmq.testkit.Packets.connect5;
import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.admin.AdminEndpoint;
import io.bastionmq.cli.Main;
import io.bastionmq.it.support.TestBroker;
import io.bastionmq.testkit.RawClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * THREATS.md C10, C17 through the CLI: with a broker running on a RocksDB store, {@code bastion ban}
 * and {@code bastion user} find the store locked and go through the local admin endpoint, so the
 * change reaches live sessions at once.
 */
class AdminEndpointIT {
    private static final int SUCCESS = 0x00;
    private static final int BANNED = 0x8A;
    private static final int ADMINISTRATIVE_ACTION = 0x98;
    private static final String ALICE_PW = "violet-tractor-harbour-57";

    @TempDir Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private TestBroker broker() {
        return TestBroker.builder().rocksDb(dir).anonymous(true).user("alice", ALICE_PW).start();
    }

    private int cli(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    @DisplayName("ban add cuts the live client (0x98) and refuses its reconnect (0x8A); ban list shows it; ban remove lets it back")
    void banThroughTheCliReachesTheRunningBroker() {
        try (TestBroker broker = broker()) {
            try (RawClient live = RawClient.connect("127.0.0.1", broker.port())) {
                live.send(connect5("victim")).expectConnAck(SUCCESS);
                assertThat(cli("ban", "add", "--client-id", "victim", "--reason", "flooding", "--data-dir", dir.toString()))
                        .as(err.toString()).isZero();
                assertThat(out.toString()).startsWith("banned client_id victim permanently");
                live.expectDisconnect(ADMINISTRATIVE_ACTION);
            }
            try (RawClient again = RawClient.connect("127.0.0.1", broker.port())) {
                again.send(connect5("victim")).expectConnAck(BANNED);
            }
            assertThat(cli("ban", "list", "--data-dir", dir.toString())).as(err.toString()).isZero();
            assertThat(out.toString()).contains("client_id\tvictim\tpermanently\tflooding");

            assertThat(cli("ban", "remove", "--client-id", "victim", "--data-dir", dir.toString())).as(err.toString()).isZero();
            assertThat(out.toString()).contains("removed the ban on client_id victim");
            assertThat(cli("ban", "remove", "--client-id", "victim", "--data-dir", dir.toString())).isEqualTo(1);
            assertThat(out.toString()).contains("no ban on client_id victim");
            try (RawClient back = RawClient.connect("127.0.0.1", broker.port())) {
                back.send(connect5("victim")).expectConnAck(SUCCESS);
            }
            assertThat(cli("ban", "list", "--data-dir", dir.toString())).isZero();
            assertThat(out.toString()).contains("no bans");
        }
    }

    @Test
    @DisplayName("user disable through the CLI cuts the password-authenticated session; enable lets it back; delete cuts again")
    void userDisableThroughTheCliCutsTheLiveSession() throws Exception {
        try (TestBroker broker = broker()) {
            MqttClient c = connectedAlice(broker, "alice-1");
            assertThat(cli("user", "disable", "alice", "--data-dir", dir.toString())).as(err.toString()).isZero();
            assertThat(out.toString()).contains("'alice' disabled; 1 live connection(s) cut");
            awaitDisconnected(c);
            assertThat(connectCode(broker, "alice-2")).isEqualTo(4); // bad user name or password (3.1.1)

            assertThat(cli("user", "enable", "alice", "--data-dir", dir.toString())).as(err.toString()).isZero();
            MqttClient back = connectedAlice(broker, "alice-3");
            assertThat(cli("user", "delete", "alice", "--data-dir", dir.toString())).as(err.toString()).isZero();
            awaitDisconnected(back);
            assertThat(cli("user", "delete", "alice", "--data-dir", dir.toString())).isEqualTo(1);
            assertThat(err.toString()).contains("Refused by the running broker: no user or device named 'alice'");
        }
    }

    @Test
    void aWrongTokenIsRefusedAndAudited() throws Exception {
        try (TestBroker broker = broker()) {
            Path socket = dir.resolve(AdminEndpoint.SOCKET_FILE);
            assertThat(Files.readString(dir.resolve(AdminEndpoint.TOKEN_FILE)).strip()).isNotEmpty();
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(socket));
                ch.write(ByteBuffer.wrap("{\"token\":\"guess\",\"command\":\"ban.add\",\"kind\":\"client_id\",\"value\":\"x\"}\n"
                        .getBytes(StandardCharsets.UTF_8)));
                String answer = new String(Channels.newInputStream(ch).readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).contains("\"ok\":false").contains("wrong or missing token");
            }
            assertThat(broker.broker().limits().bans().all()).isEmpty();
            Path audit = dir.resolve("audit").resolve("audit.log");
            Instant until = Instant.now().plus(Duration.ofSeconds(5));
            while (!(Files.exists(audit) && Files.readString(audit).contains("wrong or missing admin token"))
                    && Instant.now().isBefore(until)) {
                Thread.sleep(20);
            }
            assertThat(Files.readString(audit)).contains("auth_failure").contains("wrong or missing admin token");
        }
        assertThat(dir.resolve(AdminEndpoint.SOCKET_FILE)).doesNotExist();
        assertThat(dir.resolve(AdminEndpoint.TOKEN_FILE)).doesNotExist();
    }

    @Test
    void withoutTheEndpointTheCliStillSaysTheStoreIsLocked() throws IOException {
        try (TestBroker broker = broker()) {
            Files.delete(dir.resolve(AdminEndpoint.TOKEN_FILE));
            assertThat(cli("ban", "list", "--data-dir", dir.toString())).isEqualTo(3);
            assertThat(err.toString()).contains("in use by a running broker").contains("admin endpoint cannot be reached");
        }
    }

    private static MqttClient connectedAlice(TestBroker broker, String clientId) throws MqttException {
        MqttClient c = new MqttClient(broker.tcpUri(), clientId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName("alice");
        o.setPassword(ALICE_PW.toCharArray());
        o.setAutomaticReconnect(false);
        c.connect(o);
        assertThat(c.isConnected()).isTrue();
        return c;
    }

    private static int connectCode(TestBroker broker, String clientId) throws MqttException {
        return Logins.connectCode(broker.tcpUri(), clientId, "alice", ALICE_PW);
    }

    private static void awaitDisconnected(MqttClient c) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(5));
        while (c.isConnected() && Instant.now().isBefore(until)) {
            Thread.sleep(20);
        }
        assertThat(c.isConnected()).isFalse();
        c.close();
    }
}
