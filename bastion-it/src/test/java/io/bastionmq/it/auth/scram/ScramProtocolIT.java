package io.bastionmq.it.auth.scram;

import static io.bastionmq.it.auth.scram.ScramBrokers.PW;
import static io.bastionmq.testkit.Packets.binary;
import static io.bastionmq.testkit.Packets.bytes;
import static io.bastionmq.testkit.Packets.concat;
import static io.bastionmq.testkit.Packets.packet;
import static io.bastionmq.testkit.Packets.properties;
import static io.bastionmq.testkit.Packets.property;
import static io.bastionmq.testkit.Packets.u16;
import static io.bastionmq.testkit.Packets.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.it.support.TestBroker;
import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.Packets;
import io.bastionmq.testkit.RawClient;
import io.bastionmq.testkit.RawPacket;
import io.bastionmq.testkit.WireReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The enhanced authentication exchange byte by byte (MQTT5 4.12, 3.15), and the protocol errors
 * around it, with a raw client that shares no code with the broker's codec.
 *
 * <pre>
 *   AUTH: f0 rl | reason | props: 15 method (utf8) | 16 data (binary)
 * </pre>
 */
class ScramProtocolIT {
    private static final int AUTHENTICATION_METHOD = 0x15;
    private static final int AUTHENTICATION_DATA = 0x16;
    private static final String SHA256 = "SCRAM-SHA-256";

    private static TestBroker broker() {
        return ScramBrokers.broker().start();
    }

    /** MQTT 5 CONNECT with an Authentication Method and Data, and optionally a User Name (flag 0x80). */
    static byte[] connect(String clientId, String method, byte[] data, @Nullable String username) {
        byte[] props = concat(property(AUTHENTICATION_METHOD, utf8(method)), property(AUTHENTICATION_DATA, binary(data)));
        return packet(0x10, utf8("MQTT"), bytes(Packets.LEVEL_5, 0x02 | (username != null ? 0x80 : 0)), u16(60), properties(props),
                utf8(clientId), username == null ? new byte[0] : utf8(username));
    }

    static byte[] auth(int reason, String method, byte[] data) {
        return packet(0xf0, bytes(reason), properties(concat(property(AUTHENTICATION_METHOD, utf8(method)),
                property(AUTHENTICATION_DATA, binary(data)))));
    }

    /** The properties of an AUTH (after the reason) or a CONNACK (after flags and reason). */
    private static Map<Integer, List<Object>> props(RawPacket p) {
        WireReader r = new WireReader(p.body());
        r.skip(p.type() == PacketType.CONNACK ? 2 : 1);
        return r.propertyMap();
    }

    private static byte[] data(RawPacket p) {
        return (byte[]) props(p).get(AUTHENTICATION_DATA).get(0);
    }

    /** CONNECT → AUTH 0x18 (server-first) → AUTH 0x18 (client-final) → CONNACK; returns the CONNACK. */
    private static RawPacket login(RawClient c, ScramClient scram) {
        RawPacket challenge = c.send(connect("raw-scram", scram.method(), scram.clientFirst(), null)).expect(PacketType.AUTH);
        assertThat(challenge.reasonCode()).as("AUTH %s", challenge).isEqualTo(0x18); // MQTT-4.12.0-2
        assertThat(props(challenge).get(AUTHENTICATION_METHOD)).containsExactly(scram.method()); // MQTT-4.12.0-5
        return c.send(auth(0x18, scram.method(), scram.clientFinal(data(challenge)))).expect(PacketType.CONNACK);
    }

    @Test
    @DisplayName("CONNECT, AUTH 0x18, AUTH 0x18, CONNACK 0x00 with the method and the server signature [MQTT-4.12.0-2, -3, -5]")
    void completesTheExchangeAndProvesTheServer() {
        try (TestBroker broker = broker(); RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
            ScramClient scram = new ScramClient("SCRAM-SHA-512", "alice", PW);
            RawPacket connack = login(c, scram);
            assertThat(connack.connackReturnCode()).isZero();
            assertThat(props(connack).get(AUTHENTICATION_METHOD)).containsExactly("SCRAM-SHA-512");
            assertThat(scram.verifiesServer(data(connack))).as("server-final %s", new String(data(connack), StandardCharsets.UTF_8)).isTrue();
            c.send(Packets.pingreq()).expect(PacketType.PINGRESP);
        }
    }

    @Test
    @DisplayName("Re-authentication: AUTH 0x19, AUTH 0x18, AUTH 0x18, AUTH 0x00 with the server signature [MQTT5 4.12.1]")
    void reauthenticatesOverRawBytes() {
        try (TestBroker broker = broker(); RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
            assertThat(login(c, new ScramClient(SHA256, "alice", PW)).connackReturnCode()).isZero();
            ScramClient again = new ScramClient(SHA256, "alice", PW);
            RawPacket challenge = c.send(auth(0x19, SHA256, again.clientFirst())).expect(PacketType.AUTH);
            assertThat(challenge.reasonCode()).isEqualTo(0x18);
            RawPacket success = c.send(auth(0x18, SHA256, again.clientFinal(data(challenge)))).expect(PacketType.AUTH);
            assertThat(success.reasonCode()).isEqualTo(0x00);
            assertThat(again.verifiesServer(data(success))).isTrue();
            c.send(Packets.pingreq()).expect(PacketType.PINGRESP);
        }
    }

    @Test
    @DisplayName("AUTH before CONNECT: the connection is closed [MQTT-3.1.0-1]")
    void authBeforeConnectIsClosed() {
        try (TestBroker broker = broker(); RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
            c.send(auth(0x18, SHA256, new ScramClient(SHA256, "alice", PW).clientFirst())).expectClosed();
        }
    }

    @Test
    @DisplayName("AUTH from a client whose CONNECT had no Authentication Method: DISCONNECT 0x82 [MQTT-4.12.0-7]")
    void authWithoutMethodInConnectIsAProtocolError() {
        try (TestBroker broker = TestBroker.builder().authentication(ScramBrokers.scram()).user("alice", PW).start();
             RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
            c.send(Packets.connect5("anonymous")).expectConnAck(0x00);
            c.send(auth(0x19, SHA256, new ScramClient(SHA256, "alice", PW).clientFirst())).expectDisconnect(0x82);
        }
    }

    @Test
    @DisplayName("AUTH with another method than the CONNECT's: CONNACK 0x82 [MQTT-4.12.0-5]")
    void authWithAnotherMethodIsAProtocolError() {
        try (TestBroker broker = broker(); RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
            ScramClient scram = new ScramClient(SHA256, "alice", PW);
            RawPacket challenge = c.send(connect("m", SHA256, scram.clientFirst(), null)).expect(PacketType.AUTH);
            c.send(auth(0x18, "SCRAM-SHA-512", scram.clientFinal(data(challenge)))).expectConnAck(0x82);
            c.expectClosed();
        }
    }

    @Test
    @DisplayName("PUBLISH between CONNECT and CONNACK of an enhanced authentication: CONNACK 0x82 [MQTT-3.1.2-30]")
    void publishDuringTheExchangeIsAProtocolError() {
        try (TestBroker broker = broker(); RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
            c.send(connect("p", SHA256, new ScramClient(SHA256, "alice", PW).clientFirst(), null)).expect(PacketType.AUTH);
            c.send(Packets.publish5("t", 0, false, 0, new byte[0], new byte[] {1})).expectConnAck(0x82);
            c.expectClosed();
        }
    }

    @Test
    @DisplayName("A malformed client-first-message: CONNACK 0x86 with the RFC 5802 §7 error as Authentication Data")
    void malformedClientFirstIsRefusedWithTheScramError() {
        try (TestBroker broker = broker()) {
            assertRefused(broker, "p=tls-unique,,n=alice,r=abc", "e=channel-binding-not-supported", "channel binding");
            assertRefused(broker, "hello", "e=invalid-encoding", "gs2 header");
            assertRefused(broker, "n,,n=al=ice,r=abc", "e=invalid-username-encoding", "=2C");
        }
    }

    private static void assertRefused(TestBroker broker, String clientFirst, String serverError, String reasonPart) {
        try (RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
            RawPacket connack = c.send(connect("bad", SHA256, clientFirst.getBytes(StandardCharsets.UTF_8), null)).expectConnAck(0x86);
            assertThat(new String(data(connack), StandardCharsets.UTF_8)).isEqualTo(serverError);
            assertThat((String) props(connack).get(0x1f).get(0)).contains(reasonPart); // Reason String
            c.expectClosed();
        }
    }

    @Test
    @DisplayName("Re-authentication with another method: DISCONNECT 0x82 [MQTT-4.12.1-1]")
    void reauthWithAnotherMethodIsAProtocolError() {
        try (TestBroker broker = broker(); RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
            assertThat(login(c, new ScramClient(SHA256, "alice", PW)).connackReturnCode()).isZero();
            c.send(auth(0x19, "SCRAM-SHA-512", new ScramClient("SCRAM-SHA-512", "alice", PW).clientFirst())).expectDisconnect(0x82);
        }
    }

    @Test
    @DisplayName("AUTH 0x00 from a client: DISCONNECT 0x82 (only the server sends success) [MQTT5 3.15.2.1]")
    void clientSuccessAuthIsAProtocolError() {
        try (TestBroker broker = broker(); RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
            assertThat(login(c, new ScramClient(SHA256, "alice", PW)).connackReturnCode()).isZero();
            c.send(auth(0x00, SHA256, new byte[0])).expectDisconnect(0x82);
        }
    }

    @Test
    @DisplayName("A SCRAM user name other than the CONNECT's User Name is refused with 0x86")
    void scramUserMustMatchTheConnectUserName() {
        try (TestBroker broker = broker(); RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
            c.send(connect("mismatch", SHA256, new ScramClient(SHA256, "alice", PW).clientFirst(), "bob")).expectConnAck(0x86);
            c.expectClosed();
        }
    }

    @Test
    @DisplayName("A method the broker does not offer gets 0x8C even with SCRAM on [MQTT-4.12.0-1]")
    void unknownMethodIsBadAuthenticationMethod() {
        try (TestBroker broker = broker(); RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
            c.send(connect("sha1", "SCRAM-SHA-1", new ScramClient(SHA256, "alice", PW).clientFirst(), null)).expectConnAck(0x8c);
            c.expectClosed();
        }
    }

    @Test
    @DisplayName("The connect timeout covers the whole exchange: a client that never sends its AUTH is closed")
    void connectTimeoutCoversTheExchange() {
        try (TestBroker broker = ScramBrokers.broker().connectTimeout(Duration.ofSeconds(1)).start();
             RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
            c.send(connect("slow", SHA256, new ScramClient(SHA256, "alice", PW).clientFirst(), null)).expect(PacketType.AUTH);
            assertThat(c.isClosed(Duration.ofSeconds(5))).isTrue();
        }
    }
}
