package io.bastionmq.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RawClientTest {

    private static final Duration SHORT = Duration.ofMillis(200);

    private final ScriptedServer server;
    private @Nullable RawClient client;

    RawClientTest() throws Exception {
        server = new ScriptedServer();
    }

    @AfterEach
    void closeAll() throws Exception {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    private RawClient play(ScriptedServer script) {
        client = script.start().client().withTimeout(Duration.ofSeconds(2));
        return client;
    }

    @Test
    void readsTypeFlagsAndBodyFromTheFixedHeader() {
        RawPacket packet = play(server.send("20 02 00 00").closeConnection()).readPacket();
        assertThat(packet.type()).isEqualTo(PacketType.CONNACK);
        assertThat(packet.flags()).isZero();
        assertThat(packet.body()).containsExactly(0x00, 0x00);
    }

    @Test
    void readsMultiByteRemainingLength() {
        byte[] payload = new byte[200];
        Arrays.fill(payload, (byte) 0x41);
        byte[] publish = Packets.publish311("t", 1, false, 9, payload);
        play(server.send(Hex.format(publish)).send("d0 00"));
        RawPacket packet = client.expect(PacketType.PUBLISH);
        assertThat(packet.bytes()).isEqualTo(publish);
        assertThat(packet.qos()).isEqualTo(1);
        client.expect(PacketType.PINGRESP);
    }

    @Test
    void readsPacketsSentOneByteAtATime() {
        play(server.send("90").pause(Duration.ofMillis(20)).send("03").pause(Duration.ofMillis(20)).send("00 01 80"));
        assertThat(client.expect(PacketType.SUBACK).hex()).isEqualTo("90 03 00 01 80");
    }

    @Test
    void expectConnAckChecksTheReturnCode() {
        play(server.send("20 02 00 00 20 02 00 05"));
        client.expectConnAck(0x00);
        assertThatThrownBy(() -> client.expectConnAck(0x00))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("0x05").hasMessageContaining("20 02 00 05");
    }

    @Test
    void expectShowsTheUnexpectedPacketInHex() {
        play(server.send("20 02 00 00"));
        assertThatThrownBy(() -> client.expect(PacketType.SUBACK))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected SUBACK but received CONNACK [20 02 00 00]");
    }

    @Test
    void readPacketFailsWhenNothingArrivesInTime() {
        play(server).withTimeout(SHORT);
        assertThatThrownBy(client::readPacket)
                .isInstanceOf(AssertionError.class).hasMessageContaining("no packet received within 200 ms");
    }

    @Test
    void readPacketShowsAPartialPacketOnTimeout() {
        play(server.send("30 05 00 03")).withTimeout(SHORT);
        assertThatThrownBy(client::readPacket).hasMessageContaining("partial packet: 30 05 00 03");
    }

    @Test
    void aPacketCutShortByATimeoutIsReadWholeLater() {
        play(server.send("30 05 00").pause(Duration.ofMillis(400)).send("01 74 61 62")).withTimeout(SHORT);
        assertThatThrownBy(client::readPacket).hasMessageContaining("partial packet: 30 05 00");
        assertThat(client.withTimeout(Duration.ofSeconds(2)).readPacket().hex()).isEqualTo("30 05 00 01 74 61 62");
    }

    @Test
    void readPacketFailsWhenTheServerCloses() {
        play(server.closeConnection());
        assertThatThrownBy(client::readPacket).hasMessageContaining("connection closed by the server");
    }

    @Test
    void readPacketFailsOnATruncatedPacket() {
        play(server.send("30 05 00").closeConnection());
        assertThatThrownBy(client::readPacket).hasMessageContaining("closed mid-packet after 30 05 00");
    }

    @Test
    void expectClosedPassesOnEndOfStream() {
        play(server.closeConnection()).expectClosed();
    }

    @Test
    void expectClosedPassesOnConnectionReset() throws Exception {
        // Reset only once the client is connected and has spoken; an earlier RST would fail connect().
        play(server.awaitReceived(2).resetConnection()).send("c0 00");
        server.awaitScript();
        client.expectClosed();
    }

    @Test
    void expectClosedFailsShowingAPacketThatArrivesInstead() {
        play(server.send("e0 01 8e").closeConnection());
        assertThatThrownBy(client::expectClosed)
                .isInstanceOf(AssertionError.class).hasMessageContaining("DISCONNECT [e0 01 8e]");
    }

    @Test
    void expectClosedFailsWhenTheConnectionStaysOpen() {
        play(server).withTimeout(SHORT);
        assertThatThrownBy(client::expectClosed)
                .isInstanceOf(AssertionError.class).hasMessageContaining("stayed open");
    }

    @Test
    void expectDisconnectReadsTheReasonThenTheClose_3_14_2_1() {
        play(server.send("e0 01 8e").closeConnection()).expectDisconnect(0x8e);
    }

    @Test
    void expectDisconnectTakesRemainingLengthZeroAsNormalDisconnection() {
        play(server.send("e0 00").closeConnection()).expectDisconnect(0x00);
    }

    @Test
    void expectDisconnectFailsOnAnotherReason() {
        play(server.send("e0 02 81 00").closeConnection());
        assertThatThrownBy(() -> client.expectDisconnect(0x8e))
                .hasMessageContaining("0x8e").hasMessageContaining("0x81").hasMessageContaining("e0 02 81 00");
    }

    @Test
    void expectDisconnectFailsWhenTheServerKeepsTheConnectionOpen() {
        play(server.send("e0 01 8e")).withTimeout(SHORT);
        assertThatThrownBy(() -> client.expectDisconnect(0x8e)).hasMessageContaining("stayed open");
    }

    @Test
    void isClosedKeepsPacketsThatArriveBeforeTheClose() {
        play(server.send("e0 01 8d").closeConnection());
        assertThat(client.isClosed(Duration.ofSeconds(2))).isTrue();
        assertThat(client.readPacket().hex()).isEqualTo("e0 01 8d");
        client.expectClosed();
    }

    @Test
    void isClosedIsFalseWhileTheConnectionStaysOpen() {
        play(server.send("d0 00"));
        assertThat(client.isClosed(SHORT)).isFalse();
        client.expect(PacketType.PINGRESP);
    }

    @Test
    void assertNothingReceivedPassesOnSilence() {
        play(server).assertNothingReceived(SHORT);
    }

    @Test
    void assertNothingReceivedFailsOnAPacketOrAClose() throws Exception {
        play(server.send("d0 00"));
        assertThatThrownBy(() -> client.assertNothingReceived(Duration.ofSeconds(2)))
                .hasMessageContaining("PINGRESP [d0 00]");
        try (ScriptedServer closing = new ScriptedServer().closeConnection()) {
            RawClient other = closing.start().client();
            assertThatThrownBy(() -> other.assertNothingReceived(Duration.ofSeconds(2)))
                    .hasMessageContaining("closed the connection");
            other.close();
        }
    }

    @Test
    void sendsHexAndBytesAsGiven() throws Exception {
        play(server.awaitReceived(17).send("20 02 00 00"));
        client.send("c0 00").send(Packets.connect311("a", true, 60));
        client.expectConnAck(0x00);
        assertThat(Hex.format(server.received())).isEqualTo("c0 00 10 0d 00 04 4d 51 54 54 04 02 00 3c 00 01 61");
    }

    @Test
    void sendSlowlyDeliversEveryByteOverTime() {
        play(server.awaitReceived(4).send("d0 00"));
        long start = System.nanoTime();
        client.sendSlowly(Hex.parse("c0 00 c0 00"), Duration.ofMillis(25));
        client.expect(PacketType.PINGRESP);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(server.received()).isEqualTo(Hex.parse("c0 00 c0 00"));
    }
}
