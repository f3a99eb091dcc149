package io.bastionmq.it.auth;

import static io.bastionmq.it.auth.AuthClients.hiveMqV5;
import static io.bastionmq.it.auth.AuthClients.pahoV3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.bastionmq.it.support.TestBroker;
import io.bastionmq.security.authn.Enrolment;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** THREATS.md T1/C1–C4, C10: password authentication over real sockets. */
class PasswordAuthIT {
    private static final String ALICE_PW = "violet-tractor-harbour-57";

    private static TestBroker broker() {
        return TestBroker.builder().anonymous(false).user("alice", ALICE_PW, "sensors").user("bob", "quiet-lantern-orbit-93").start();
    }

    @Test
    void rightPasswordIsAcceptedByPahoAndHiveMq() throws Exception {
        try (TestBroker broker = broker()) {
            assertThat(pahoV3(broker, "p1", "alice", ALICE_PW)).isZero();
            assertThat(hiveMqV5(broker, "h1", "alice", ALICE_PW)).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        }
    }

    @Test
    @DisplayName("Wrong password, unknown user and disabled user get the same code: 0x86 (MQTT 5), 0x04 (3.1.1)")
    void everyCredentialFailureLooksTheSame() throws Exception {
        try (TestBroker broker = broker()) {
            broker.broker().enrolment().disable("bob");
            for (String[] attempt : new String[][] {{"alice", "violet-tractor-harbour-58"}, {"mallory", ALICE_PW},
                    {"bob", "quiet-lantern-orbit-93"}}) {
                assertThat(hiveMqV5(broker, "h-" + attempt[0], attempt[0], attempt[1])).as(attempt[0])
                        .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
                assertThat(pahoV3(broker, "p-" + attempt[0], attempt[0], attempt[1])).as(attempt[0]).isEqualTo(4);
            }
            broker.broker().enrolment().enable("bob");
            assertThat(pahoV3(broker, "p-bob", "bob", "quiet-lantern-orbit-93")).isZero();
        }
    }

    @Test
    void anonymousClientIsRefusedWhereTheListenerForbidsIt() throws Exception {
        try (TestBroker broker = broker()) {
            MqttClient c = new MqttClient(broker.tcpUri(), "anon", new MemoryPersistence());
            assertThatThrownBy(() -> c.connect(new MqttConnectOptions()))
                    .hasFieldOrPropertyWithValue("reasonCode", 5);
            c.close();
        }
    }

    @Test
    void wrongCredentialsAreRefusedEvenOnAnAnonymousListener() throws Exception {
        try (TestBroker broker = TestBroker.builder().anonymous(true).user("alice", ALICE_PW).start()) {
            assertThat(pahoV3(broker, "p1", "alice", "not-her-password-at-all")).isEqualTo(4);
            assertThat(pahoV3(broker, "p2", "alice", ALICE_PW)).isZero();
        }
    }

    @Test
    void vendorDefaultCredentialsCannotBeEnrolled() {
        try (TestBroker broker = broker()) {
            assertThatThrownBy(() -> broker.broker().enrolment().addUser("admin", "admin".toCharArray(), java.util.Set.of(), false))
                    .isInstanceOf(Enrolment.RefusedException.class).hasMessageContaining("known vendor default");
            assertThatThrownBy(() -> broker.broker().enrolment().addUser("root", "xc3511".toCharArray(), java.util.Set.of(), false))
                    .hasMessageContaining("known vendor default");
        }
    }

    @Test
    void mosquittoPubAuthenticatesWithUserAndPassword() throws Exception {
        Assumptions.assumeTrue(AuthClients.onPath("mosquitto_pub"), "mosquitto_pub is not installed");
        try (TestBroker broker = broker()) {
            assertThat(AuthClients.mosquittoPub(broker, "alice", ALICE_PW, "mqttv311").exit()).isZero();
            assertThat(AuthClients.mosquittoPub(broker, "alice", ALICE_PW, "mqttv5").exit()).isZero();
            AuthClients.Result wrong = AuthClients.mosquittoPub(broker, "alice", "nope-nope-nope-nope", "mqttv311");
            assertThat(wrong.exit()).isNotZero();
            assertThat(wrong.output()).containsIgnoringCase("bad user name or password");
        }
    }

    @Test
    @DisplayName("C10: disabling a user through the running broker cuts its live session at once")
    void disablingAUserCutsItsLiveSession() throws Exception {
        try (TestBroker broker = broker()) {
            MqttClient c = new MqttClient(broker.tcpUri(), "live-alice", new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setUserName("alice");
            o.setPassword(ALICE_PW.toCharArray());
            o.setAutomaticReconnect(false);
            c.connect(o);
            assertThat(c.isConnected()).isTrue();
            assertThat(broker.broker().enrolment().disable("alice")).isEqualTo(1);
            Instant until = Instant.now().plus(Duration.ofSeconds(5));
            while (c.isConnected() && Instant.now().isBefore(until)) {
                Thread.sleep(20);
            }
            assertThat(c.isConnected()).isFalse();
            c.close();
            assertThat(pahoV3(broker, "again", "alice", ALICE_PW)).isEqualTo(4);
        }
    }

    @Test
    @DisplayName("A PUBLISH pipelined behind CONNECT waits for the off-loop password check, then is handled in order")
    void packetsPipelinedBehindConnectAreHeldUntilAuthenticated() {
        try (TestBroker broker = broker();
             io.bastionmq.testkit.RawClient c = io.bastionmq.testkit.RawClient.connect("127.0.0.1", broker.port())) {
            byte[] connect = AuthCostIT.connect311("pipelined", "alice", ALICE_PW);
            // PUBLISH QoS 1, topic "t", packet id 7, payload "x"; PINGREQ
            byte[] publishAndPing = io.bastionmq.testkit.Hex.parse("32 06 00 01 74 00 07 78 c0 00");
            byte[] both = java.util.Arrays.copyOf(connect, connect.length + publishAndPing.length);
            System.arraycopy(publishAndPing, 0, both, connect.length, publishAndPing.length);
            c.send(both).expectConnAck(0);
            assertThat(c.readPacket().hex()).isEqualTo("40 02 00 07"); // PUBACK 7
            assertThat(c.readPacket().hex()).isEqualTo("d0 00");       // PINGRESP
        }
    }
}
