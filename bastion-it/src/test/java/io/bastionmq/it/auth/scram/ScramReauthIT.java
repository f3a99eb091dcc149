package io.bastionmq.it.auth.scram;

import static io.bastionmq.it.auth.scram.ScramBrokers.PW;
import static io.bastionmq.it.auth.scram.ScramBrokers.attempt;
import static io.bastionmq.it.auth.scram.ScramBrokers.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.bastionmq.it.support.AuditLogs;
import io.bastionmq.it.support.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-authentication (MQTT5 4.12.1) of a SCRAM connection with the HiveMQ client's {@code reauth()}. */
class ScramReauthIT {
    @TempDir Path dir;

    @Test
    void reauthenticationKeepsTheSessionWorking() throws Exception {
        Path log = dir.resolve("audit.log");
        try (TestBroker broker = ScramBrokers.broker().audit(AuditLogs.to(log)).start()) {
            HiveMqScram scram = new HiveMqScram("SCRAM-SHA-256", "alice", PW);
            Mqtt5BlockingClient c = client(broker, "reauth-ok", scram);
            c.connect();
            try (Mqtt5BlockingClient.Mqtt5Publishes received = c.publishes(MqttGlobalPublishFilter.ALL)) {
                c.subscribeWith().topicFilter("reauth/t").qos(MqttQos.AT_LEAST_ONCE).send();
                for (int i = 1; i <= 2; i++) {
                    c.toAsync().reauth().get(10, TimeUnit.SECONDS);
                    assertThat(scram.serverVerified).hasValue(1 + i); // the broker proved itself again
                    c.publishWith().topic("reauth/t").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {(byte) i}).send();
                    byte expected = (byte) i;
                    assertThat(received.receive(5, TimeUnit.SECONDS)).hasValueSatisfying(p -> assertThat(p.getPayloadAsBytes())
                            .containsExactly(expected));
                }
            }
            assertThat(c.getState().isConnected()).isTrue();
            c.disconnect();
        }
        assertThat(AuditLogs.awaitContent(log, "re-authentication")).contains("scram-sha-256 re-authentication").doesNotContain(PW);
    }

    @Test
    void reauthenticationWithAWrongPasswordEndsTheConnection() throws Exception {
        try (TestBroker broker = ScramBrokers.broker().start()) {
            HiveMqScram scram = new HiveMqScram("SCRAM-SHA-512", "alice", PW);
            Mqtt5BlockingClient c = client(broker, "reauth-wrong", scram);
            c.connect();
            scram.password("wrong-wrong-wrong");
            assertThatThrownBy(() -> c.toAsync().reauth().get(10, TimeUnit.SECONDS)).isNotNull();
            awaitDisconnected(c);
            // MQTT-4.12.1-2: DISCONNECT, then close; DISCONNECT has no 0x86, so 0x87 not authorized.
            assertThat(scram.reAuthRejected.get()).isNotNull();
            assertThat(scram.reAuthRejected.get().getReasonCode()).isEqualTo(Mqtt5DisconnectReasonCode.NOT_AUTHORIZED);
        }
    }

    @Test
    void disablingTheUserCutsTheScramSessionAndRefusesTheNextLogin() throws Exception {
        try (TestBroker broker = ScramBrokers.broker().start()) {
            Mqtt5BlockingClient c = client(broker, "cut", new HiveMqScram("SCRAM-SHA-256", "alice", PW));
            c.connect();
            broker.broker().enrolment().disable("alice");
            awaitDisconnected(c);
            assertThat(attempt(broker, "again", new HiveMqScram("SCRAM-SHA-256", "alice", PW)))
                    .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        }
    }

    private static void awaitDisconnected(Mqtt5BlockingClient c) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(5));
        while (c.getState().isConnected() && Instant.now().isBefore(until)) {
            Thread.sleep(20);
        }
        assertThat(c.getState().isConnected()).as("connection closed by the broker").isFalse();
    }
}
