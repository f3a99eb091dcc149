package io.bastionmq.security.authn;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.bastionmq.security.Identity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtProviderTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef-test-secret".getBytes(StandardCharsets.UTF_8);
    @TempDir Path dir;
    private JwtProvider hs;
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @BeforeEach
    void setUp() throws Exception {
        Path secret = Files.write(dir.resolve("secret"), SECRET);
        hs = new JwtProvider(new JwtSettings(secret, null, null, "bastion-tests", "mqtt", Duration.ofSeconds(5), "sub"), clock);
    }

    static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().subject("device-9").issuer("bastion-tests").audience("mqtt")
                .expirationTime(Date.from(NOW.plusSeconds(600)));
    }

    static String sign(JWSSigner signer, JWSAlgorithm alg, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private AuthResult run(JwtProvider p, String token) {
        return p.authenticate(new AuthRequest("c1", null, token.getBytes(StandardCharsets.US_ASCII), null, null, null));
    }

    @Test
    void acceptsValidHs256TokenWithUserFromSub() throws Exception {
        AuthResult r = run(hs, sign(new MACSigner(SECRET), JWSAlgorithm.HS256, claims().build()));
        assertThat(r).isInstanceOf(AuthResult.Accept.class);
        Identity id = ((AuthResult.Accept) r).identity();
        assertThat(id.username()).isEqualTo("device-9");
        assertThat(id.claims()).isNull();
    }

    @Test
    void rejectsExpiredToken() throws Exception {
        String t = sign(new MACSigner(SECRET), JWSAlgorithm.HS256, claims().expirationTime(Date.from(NOW.minusSeconds(10))).build());
        assertThat(run(hs, t)).isInstanceOfSatisfying(AuthResult.Reject.class, x -> assertThat(x.why()).contains("expired"));
    }

    @Test
    void toleratesExpiryWithinClockSkew() throws Exception {
        String t = sign(new MACSigner(SECRET), JWSAlgorithm.HS256, claims().expirationTime(Date.from(NOW.plusSeconds(-3))).build());
        assertThat(run(hs, t)).isInstanceOf(AuthResult.Accept.class);
    }

    @Test
    void rejectsTokenWithoutExp() throws Exception {
        String t = sign(new MACSigner(SECRET), JWSAlgorithm.HS256, claims().expirationTime(null).build());
        assertThat(run(hs, t)).isInstanceOfSatisfying(AuthResult.Reject.class, x -> assertThat(x.why()).contains("exp"));
    }

    @Test
    void rejectsTokenBeforeNbf() throws Exception {
        String t = sign(new MACSigner(SECRET), JWSAlgorithm.HS256, claims().notBeforeTime(Date.from(NOW.plusSeconds(60))).build());
        assertThat(run(hs, t)).isInstanceOfSatisfying(AuthResult.Reject.class, x -> assertThat(x.why()).contains("nbf"));
    }

    @Test
    void rejectsWrongIssuerAndAudience() throws Exception {
        assertThat(run(hs, sign(new MACSigner(SECRET), JWSAlgorithm.HS256, claims().issuer("evil").build())))
                .isInstanceOfSatisfying(AuthResult.Reject.class, x -> assertThat(x.why()).contains("issuer"));
        assertThat(run(hs, sign(new MACSigner(SECRET), JWSAlgorithm.HS256, claims().audience("other").build())))
                .isInstanceOfSatisfying(AuthResult.Reject.class, x -> assertThat(x.why()).contains("audience"));
    }

    @Test
    void rejectsAlgNone() {
        String unsecured = new PlainJWT(claims().build()).serialize();
        assertThat(run(hs, unsecured + "x")).isInstanceOf(AuthResult.Reject.class);
        // A hand-made header {"alg":"none"} with a signature part.
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        String body = unsecured.split("\\.")[1];
        assertThat(run(hs, header + "." + body + ".c2ln")).isInstanceOf(AuthResult.Reject.class);
    }

    @Test
    void rejectsBadSignature() throws Exception {
        String t = sign(new MACSigner("another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8)), JWSAlgorithm.HS256, claims().build());
        assertThat(run(hs, t)).isInstanceOfSatisfying(AuthResult.Reject.class, x -> assertThat(x.why()).contains("signature"));
    }

    @Test
    void rejectsRs256TokenWhenOnlyAnHmacSecretIsConfigured() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        assertThat(run(hs, sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, claims().build()))).isInstanceOf(AuthResult.Reject.class);
    }

    @Test
    void verifiesRs256FromPemAndEs256FromJwks() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("r1").generate();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(rsa.toRSAPublicKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        Path pemFile = Files.writeString(dir.resolve("rsa.pem"), pem);
        JwtProvider rs = new JwtProvider(new JwtSettings(null, pemFile, null, null, null, Duration.ZERO, "sub"), clock);
        assertThat(run(rs, sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, claims().build()))).isInstanceOf(AuthResult.Accept.class);

        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("e1").generate();
        Path jwks = Files.writeString(dir.resolve("jwks.json"), new JWKSet(ec.toPublicJWK()).toString());
        JwtProvider es = new JwtProvider(new JwtSettings(null, null, jwks, null, null, Duration.ZERO, "sub"), clock);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("e1").build(), claims().build());
        jwt.sign(new ECDSASigner(ec));
        assertThat(run(es, jwt.serialize())).isInstanceOf(AuthResult.Accept.class);
        ECKey other = new ECKeyGenerator(Curve.P_256).keyID("e1").generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("e1").build(), claims().build());
        forged.sign(new ECDSASigner(other));
        assertThat(run(es, forged.serialize())).isInstanceOf(AuthResult.Reject.class);
    }

    @Test
    void carriesTheAclClaimIntoTheIdentity() throws Exception {
        JWTClaimsSet c = claims().claim("acl", Map.of("pub", List.of("devices/device-9/#"), "sub", List.of("cmd/device-9"))).build();
        AuthResult r = run(hs, sign(new MACSigner(SECRET), JWSAlgorithm.HS256, c));
        assertThat(((AuthResult.Accept) r).identity().claims())
                .isEqualTo(new Identity.ClaimAcl(List.of("devices/device-9/#"), List.of("cmd/device-9")));
    }

    @Test
    void usesTheConfiguredUsernameClaimAndChecksTheConnectUserName() throws Exception {
        Path secret = dir.resolve("secret");
        JwtProvider byName = new JwtProvider(new JwtSettings(secret, null, null, null, null, Duration.ZERO, "preferred_username"), clock);
        String t = sign(new MACSigner(SECRET), JWSAlgorithm.HS256, claims().claim("preferred_username", "bob").build());
        assertThat(run(byName, t)).isInstanceOfSatisfying(AuthResult.Accept.class, a -> assertThat(a.identity().username()).isEqualTo("bob"));
        AuthResult mismatch = byName.authenticate(new AuthRequest("c", "mallory", t.getBytes(StandardCharsets.US_ASCII), null, null, null));
        assertThat(mismatch).isInstanceOf(AuthResult.Reject.class);
    }

    @Test
    void passesOnPasswordsThatAreNotTokens() {
        assertThat(run(hs, "just a password")).isInstanceOf(AuthResult.Pass.class);
    }
}
