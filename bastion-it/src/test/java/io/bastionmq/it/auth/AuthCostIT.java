package io.bastionmq.it.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.bastionmq.config.AuthenticationConfig;
import io.bastionmq.it.support.TestBroker;
import io.bastionmq.security.authn.HashParameters;
import io.bastionmq.security.authn.JwtSettings;
import io.bastionmq.testkit.RawClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What authentication costs per CONNECT, with the product's Argon2id parameters: 200 sequential
 * MQTT 3.1.1 CONNECT → CONNACK round trips over loopback per provider. Prints ms/connect; asserts
 * only that the broker answers and that anonymous and JWT stay well under a password hash.
 */
class AuthCostIT {
    private static final int CONNECTS = 200;
    private static final byte[] SECRET = "cost-secret-0123456789-0123456789-0123456789".getBytes(StandardCharsets.UTF_8);
    @TempDir Path dir;

    @Test
    void measuresPasswordJwtAndAnonymousConnects() throws Exception {
        Path secret = Files.write(dir.resolve("jwt.secret"), SECRET);
        AuthenticationConfig auth = new AuthenticationConfig(List.of("password", "jwt"), HashParameters.OWASP,
                TestBroker.Builder.FAST_AUTHENTICATION.policy(), TestBroker.Builder.FAST_AUTHENTICATION.bruteForce(),
                new JwtSettings(secret, null, null, null, null, Duration.ofSeconds(5), "sub"), 2);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject("dev-1")
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        jwt.sign(new MACSigner(SECRET));
        try (TestBroker broker = TestBroker.builder().anonymous(true).authentication(auth)
                .user("alice", "violet-tractor-harbour-57").start()) {
            double anonymous = perConnect(broker, null, null);
            double token = perConnect(broker, "dev-1", jwt.serialize());
            double password = perConnect(broker, "alice", "violet-tractor-harbour-57");
            System.out.printf("authentication cost, %d sequential connects each: anonymous %.2f ms, jwt HS256 %.2f ms, "
                    + "password Argon2id(m=19MiB,t=2,p=1) %.2f ms per connect%n", CONNECTS, anonymous, token, password);
            assertThat(token).isLessThan(password);
            assertThat(anonymous).isLessThan(password);
        }
    }

    private static double perConnect(TestBroker broker, @Nullable String user, @Nullable String password) {
        byte[] connect = connect311("cost-" + (user == null ? "anon" : user), user, password);
        for (int i = 0; i < 10; i++) {
            once(broker, connect); // warm-up
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < CONNECTS; i++) {
            once(broker, connect);
        }
        return (System.nanoTime() - t0) / 1e6 / CONNECTS;
    }

    private static void once(TestBroker broker, byte[] connect) {
        try (RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
            c.send(connect).expectConnAck(0);
        }
    }

    /** MQTT 3.1.1 CONNECT (3.1): clean session, keep alive 60, optional user name and password. */
    static byte[] connect311(String clientId, @Nullable String user, @Nullable String password) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        str(body, "MQTT");
        body.write(4);                                                         // protocol level 3.1.1
        body.write(0x02 | (user != null ? 0x80 : 0) | (password != null ? 0x40 : 0)); // flags
        body.write(0);
        body.write(60);                                                        // keep alive
        str(body, clientId);
        if (user != null) {
            str(body, user);
        }
        if (password != null) {
            str(body, password);
        }
        byte[] b = body.toByteArray();
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);
        int len = b.length;
        do {                                                                   // remaining length, VBI
            int digit = len % 128;
            len /= 128;
            packet.write(len > 0 ? digit | 0x80 : digit);
        } while (len > 0);
        packet.writeBytes(b);
        return packet.toByteArray();
    }

    private static void str(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length >> 8);
        out.write(b.length & 0xFF);
        out.writeBytes(b);
    }
}
