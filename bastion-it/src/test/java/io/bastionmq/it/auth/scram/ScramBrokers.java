package io.bastionmq.it.auth.scram;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.bastionmq.config.AuthenticationConfig;
import io.bastionmq.it.support.TestBroker;
import io.bastionmq.security.authn.BruteForceSettings;
import io.bastionmq.security.authn.HashParameters;
import io.bastionmq.security.authn.PasswordPolicy;
import java.time.Duration;
import java.util.List;

/** Brokers with SCRAM in the chain, and HiveMQ clients that log in with it. */
final class ScramBrokers {
    static final String PW = "violet-tractor-harbour-57";

    private ScramBrokers() {}

    /** Fast Argon2id (tests connect often), SCRAM at the product's 4096 iterations, these brute-force settings. */
    static AuthenticationConfig scram(BruteForceSettings bruteForce) {
        return new AuthenticationConfig(List.of("password", "scram"), new HashParameters(1024, 1, 1), PasswordPolicy.DEFAULT,
                bruteForce, null, 2);
    }

    static AuthenticationConfig scram() {
        return scram(TestBroker.Builder.FAST_AUTHENTICATION.bruteForce());
    }

    static TestBroker.Builder broker() {
        return TestBroker.builder().anonymous(false).authentication(scram()).user("alice", PW, "ops");
    }

    static Mqtt5BlockingClient client(TestBroker broker, String id, HiveMqScram mechanism) {
        return MqttClient.builder().useMqttVersion5().identifier(id).serverHost("127.0.0.1").serverPort(broker.port())
                .enhancedAuth(mechanism).buildBlocking();
    }

    /** Connects and disconnects; the CONNACK reason code. */
    static Mqtt5ConnAckReasonCode attempt(TestBroker broker, String id, HiveMqScram mechanism) {
        Mqtt5BlockingClient c = client(broker, id, mechanism);
        try {
            Mqtt5ConnAckReasonCode code = c.connect().getReasonCode();
            c.disconnect();
            return code;
        } catch (Mqtt5ConnAckException e) {
            return e.getMqttMessage().getReasonCode();
        }
    }

    static BruteForceSettings bruteForce(int maxFailures, Duration lockout, Duration baseDelay) {
        return new BruteForceSettings(maxFailures, lockout, baseDelay, Duration.ofSeconds(2));
    }
}
