package io.bastionmq.it.auth.scram;

import static io.bastionmq.it.auth.scram.ScramBrokers.PW;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.bastionmq.config.AuthenticationConfig;
import io.bastionmq.it.support.TestBroker;
import io.bastionmq.security.authn.HashParameters;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What SCRAM costs per CONNECT with the product's parameters (4096 PBKDF2 iterations; Argon2id
 * m=19 MiB, t=2 for the password comparison): N sequential HiveMQ client connect + disconnect
 * round trips over loopback per method, and the client's own PBKDF2 share. Prints the figures;
 * asserts only that every login succeeded (timings on a shared 2-core machine are not behaviour).
 */
class ScramCostIT {
    private static final int CONNECTS = 100;

    @Test
    void measuresScramAgainstPasswordConnects() {
        AuthenticationConfig product = new AuthenticationConfig(List.of("password", "scram"), HashParameters.OWASP,
                TestBroker.Builder.FAST_AUTHENTICATION.policy(), TestBroker.Builder.FAST_AUTHENTICATION.bruteForce(), null, 2);
        try (TestBroker broker = TestBroker.builder().anonymous(false).authentication(product).user("alice", PW).start()) {
            double sha256 = perConnect(() -> ScramBrokers.attempt(broker, "cost-256", new HiveMqScram("SCRAM-SHA-256", "alice", PW)));
            double sha512 = perConnect(() -> ScramBrokers.attempt(broker, "cost-512", new HiveMqScram("SCRAM-SHA-512", "alice", PW)));
            double password = perConnect(() -> passwordLogin(broker));
            double client256 = clientShare("SCRAM-SHA-256", broker);
            double client512 = clientShare("SCRAM-SHA-512", broker);
            System.out.printf("SCRAM cost, %d sequential HiveMQ connect+disconnect each: SCRAM-SHA-256 %.2f ms (client PBKDF2 %.2f ms),"
                    + " SCRAM-SHA-512 %.2f ms (client PBKDF2 %.2f ms), password Argon2id(m=19MiB,t=2,p=1) %.2f ms per connect%n",
                    CONNECTS, sha256, client256, sha512, client512, password);
        }
    }

    private static Mqtt5ConnAckReasonCode passwordLogin(TestBroker broker) {
        Mqtt5BlockingClient c = MqttClient.builder().useMqttVersion5().identifier("cost-pw").serverHost("127.0.0.1")
                .serverPort(broker.port()).buildBlocking();
        Mqtt5ConnAckReasonCode code = c.connectWith().simpleAuth().username("alice").password(PW.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send().getReasonCode();
        c.disconnect();
        return code;
    }

    private static double perConnect(Supplier<Mqtt5ConnAckReasonCode> login) {
        for (int i = 0; i < 10; i++) {
            assertThat(login.get()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS); // warm-up
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < CONNECTS; i++) {
            assertThat(login.get()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        }
        return (System.nanoTime() - t0) / 1e6 / CONNECTS;
    }

    /** The client's share: computing the client-final (PBKDF2 with 4096 iterations, 3 HMACs, 1 hash) for a real server-first. */
    private static double clientShare(String method, TestBroker broker) {
        ScramClient probe = new ScramClient(method, "alice", PW);
        byte[] serverFirst;
        try (io.bastionmq.testkit.RawClient c = io.bastionmq.testkit.RawClient.connect("127.0.0.1", broker.port())) {
            serverFirst = new io.bastionmq.testkit.WireReader(c.send(ScramProtocolIT.connect("probe", method, probe.clientFirst(), null))
                    .expect(io.bastionmq.testkit.PacketType.AUTH).body(), 1).propertyMap().get(0x16).stream()
                    .map(byte[].class::cast).findFirst().orElseThrow();
        }
        for (int i = 0; i < 10; i++) {
            probe.clientFinal(serverFirst);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < CONNECTS; i++) {
            probe.clientFinal(serverFirst);
        }
        return (System.nanoTime() - t0) / 1e6 / CONNECTS;
    }
}
