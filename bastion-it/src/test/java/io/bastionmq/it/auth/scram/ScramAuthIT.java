package io.bastionmq.it.auth.scram;

import static io.bastionmq.it.auth.scram.ScramBrokers.PW;
import static io.bastionmq.it.auth.scram.ScramBrokers.attempt;
import static io.bastionmq.it.auth.scram.ScramBrokers.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.bastionmq.it.support.TestBroker;
import io.bastionmq.store.CredentialRecord;
import io.bastionmq.store.FsyncPolicy;
import io.bastionmq.store.ScramKeys;
import io.bastionmq.store.rocksdb.RocksDbStore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MQTT 5 enhanced authentication with SCRAM (MQTT5 4.12, RFC 5802, RFC 7677) through the HiveMQ
 * MQTT client: mutual proof, the password rules (THREATS.md C4), and the broker's side of the proof.
 */
class ScramAuthIT {
    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"SCRAM-SHA-256", "SCRAM-SHA-512"})
    void rightPasswordIsAcceptedAndTheClientVerifiesTheServer(String method) {
        try (TestBroker broker = ScramBrokers.broker().start()) {
            HiveMqScram scram = new HiveMqScram(method, "alice", PW);
            Mqtt5BlockingClient c = client(broker, "scram-ok", scram);
            assertThat(c.connect().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            assertThat(scram.serverVerified).hasValue(1);
            c.publishWith().topic("scram/t").payload(new byte[] {1}).send();
            c.disconnect();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SCRAM-SHA-256", "SCRAM-SHA-512"})
    void wrongPasswordAndUnknownUserGetTheSameRefusal(String method) {
        try (TestBroker broker = ScramBrokers.broker().start()) {
            assertThat(attempt(broker, "w", new HiveMqScram(method, "alice", "wrong-wrong-wrong")))
                    .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
            assertThat(attempt(broker, "u", new HiveMqScram(method, "nobody", PW)))
                    .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        }
    }

    @Test
    void clientRefusesABrokerThatCannotProveItKnowsTheVerifier() throws Exception {
        Path data = dir.resolve("data");
        try (TestBroker broker = ScramBrokers.broker().rocksDb(data).start()) {
            assertThat(attempt(broker, "before", new HiveMqScram("SCRAM-SHA-256", "alice", PW))).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        }
        // A broker holding the right StoredKey (so it accepts the client's proof) but another ServerKey:
        // what an impostor with a partial copy of the store would have. The client must refuse it.
        try (RocksDbStore store = RocksDbStore.open(data, FsyncPolicy.ALWAYS, Duration.ofMillis(100))) {
            CredentialRecord c = store.findCredential("alice").orElseThrow();
            ScramKeys k = c.scramSha256();
            byte[] otherServerKey = k.serverKey();
            otherServerKey[0] ^= 1;
            store.putCredential(c.withPassword(c.passwordHash(), new ScramKeys(k.salt(), k.iterations(), k.storedKey(), otherServerKey),
                    c.scramSha512()));
        }
        try (TestBroker broker = TestBroker.builder().anonymous(false).authentication(ScramBrokers.scram()).rocksDb(data).start()) {
            HiveMqScram scram = new HiveMqScram("SCRAM-SHA-256", "alice", PW);
            Mqtt5BlockingClient c = client(broker, "impostor", scram);
            assertThatThrownBy(c::connect).isInstanceOf(RuntimeException.class);
            assertThat(scram.serverRejected).hasValue(1);
            assertThat(scram.serverVerified).hasValue(0);
            assertThat(c.getState().isConnected()).isFalse();
            // SHA-512's verifier is untouched: the same broker proves itself there.
            assertThat(attempt(broker, "honest", new HiveMqScram("SCRAM-SHA-512", "alice", PW))).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        }
    }

    @Test
    void passwordLoginStillWorksBesideScram() {
        try (TestBroker broker = ScramBrokers.broker().start()) {
            Mqtt5BlockingClient c = com.hivemq.client.mqtt.MqttClient.builder().useMqttVersion5().identifier("pw")
                    .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
            assertThat(c.connectWith().simpleAuth().username("alice").password(PW.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .applySimpleAuth().send().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            c.disconnect();
        }
    }

    @Test
    void scramIsRefusedWithBadAuthenticationMethodWhenNotInTheChain() {
        try (TestBroker broker = TestBroker.builder().anonymous(false).user("alice", PW).start()) { // providers: [password]
            assertThat(attempt(broker, "off", new HiveMqScram("SCRAM-SHA-256", "alice", PW)))
                    .isEqualTo(Mqtt5ConnAckReasonCode.BAD_AUTHENTICATION_METHOD);
        }
    }
}
