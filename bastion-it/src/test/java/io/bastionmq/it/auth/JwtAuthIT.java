package io.bastionmq.it.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.bastionmq.config.AuthenticationConfig;
import io.bastionmq.it.support.Paho5Callback;
import io.bastionmq.it.support.TestBroker;
import io.bastionmq.security.authn.JwtSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** THREATS.md C5: a JWT in the password field, chained after stored passwords. */
class JwtAuthIT {
    private static final byte[] SECRET = "it-secret-0123456789-0123456789-0123456789".getBytes(StandardCharsets.UTF_8);
    @TempDir Path dir;

    private TestBroker broker() throws Exception {
        Path secret = Files.write(dir.resolve("jwt.secret"), SECRET);
        AuthenticationConfig auth = new AuthenticationConfig(List.of("password", "jwt"),
                TestBroker.Builder.FAST_AUTHENTICATION.hashing(), TestBroker.Builder.FAST_AUTHENTICATION.policy(),
                TestBroker.Builder.FAST_AUTHENTICATION.bruteForce(),
                new JwtSettings(secret, null, null, "bastion-it", null, Duration.ofSeconds(2), "sub"), 2);
        return TestBroker.builder().anonymous(false).authentication(auth).user("alice", "violet-tractor-harbour-57").start();
    }

    private static String token(Instant exp) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .subject("device-42").issuer("bastion-it").expirationTime(Date.from(exp)).build());
        jwt.sign(new MACSigner(SECRET));
        return jwt.serialize();
    }

    @Test
    void validTokenIsAcceptedAndPasswordsStillWork() throws Exception {
        try (TestBroker broker = broker()) {
            String jwt = token(Instant.now().plusSeconds(300));
            assertThat(AuthClients.hiveMqV5(broker, "j1", "device-42", jwt)).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            assertThat(AuthClients.pahoV3(broker, "j2", "device-42", jwt)).isZero();
            assertThat(AuthClients.pahoV3(broker, "j3", "alice", "violet-tractor-harbour-57")).isZero();
        }
    }

    @Test
    void expiredTokenIsRefusedAsBadCredentials() throws Exception {
        try (TestBroker broker = broker()) {
            String jwt = token(Instant.now().minusSeconds(60));
            assertThat(AuthClients.hiveMqV5(broker, "j1", "device-42", jwt)).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
            assertThat(AuthClients.pahoV3(broker, "j2", "device-42", jwt)).isEqualTo(4);
        }
    }

    @Test
    void aSessionEndsWhenItsTokenExpires() throws Exception {
        try (TestBroker broker = broker()) {
            Instant exp = Instant.now().plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.SECONDS); // NumericDate: seconds
            CompletableFuture<Integer> disconnected = new CompletableFuture<>();
            var client = new org.eclipse.paho.mqttv5.client.MqttClient(broker.tcpUri(), "j-exp", new MemoryPersistence());
            try {
                client.setCallback(new Paho5Callback() {
                    @Override
                    public void disconnected(MqttDisconnectResponse response) {
                        disconnected.complete(response.getReturnCode());
                    }
                });
                MqttConnectionOptions o = new MqttConnectionOptions();
                o.setUserName("device-42");
                o.setPassword(token(exp).getBytes(StandardCharsets.UTF_8));
                client.connect(o);
                assertThat(client.isConnected()).isTrue();
                // exp plus the 2 s skew the broker accepts tokens with: DISCONNECT 0x87, never earlier.
                assertThat(disconnected.get(15, TimeUnit.SECONDS)).as("DISCONNECT 0x87 not authorized").isEqualTo(0x87);
                assertThat(Instant.now()).isAfterOrEqualTo(exp.plusSeconds(2));
            } finally {
                client.close(true);
            }
            assertThat(AuthClients.pahoV3(broker, "j-exp", "device-42", token(exp))).as("and no reconnect with it").isEqualTo(4);
        }
    }

    @Test
    void tokenForAnotherUserNameIsRefused() throws Exception {
        try (TestBroker broker = broker()) {
            assertThat(AuthClients.pahoV3(broker, "j1", "alice", token(Instant.now().plusSeconds(300)))).isEqualTo(4);
        }
    }
}
