package io.bastionmq.security.authn;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.bastionmq.security.Identity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * JWT in the CONNECT password field (the user name is optional and, when sent, must equal the
 * token's user claim). Accepts HS256, RS256 and ES256 only: {@code alg: none} and any algorithm
 * without a configured key are rejected, so a token cannot choose how it is checked.
 */
public final class JwtProvider implements AuthProvider {
    private final JwtSettings settings;
    private final Clock clock;
    private final @Nullable MACVerifier hmac;
    private final List<JWK> keys;

    public JwtProvider(JwtSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        try {
            this.hmac = settings.secretFile() == null ? null : new MACVerifier(Files.readAllBytes(settings.secretFile()));
            List<JWK> k = new ArrayList<>();
            if (settings.publicKeyFile() != null) {
                k.add(fromPem(Files.readString(settings.publicKeyFile())));
            }
            if (settings.jwksFile() != null) {
                k.addAll(JWKSet.load(settings.jwksFile().toFile()).getKeys());
            }
            this.keys = List.copyOf(k);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException | ParseException | GeneralSecurityException e) {
            throw new IllegalArgumentException("jwt key material is not usable: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "jwt";
    }

    /** Compact JWS: three base64url parts, the header starting with '{"' (base64url "eyJ"). */
    static boolean looksLikeJwt(byte[] password) {
        if (password.length < 10 || password[0] != 'e' || password[1] != 'y' || password[2] != 'J') {
            return false;
        }
        int dots = 0;
        for (byte b : password) {
            if (b == '.') {
                dots++;
            }
        }
        return dots == 2;
    }

    @Override
    public AuthResult authenticate(AuthRequest request) {
        byte[] raw = request.password();
        if (raw == null || !looksLikeJwt(raw)) {
            return AuthResult.PASS;
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(new String(raw, StandardCharsets.US_ASCII)); // refuses unsecured (alg none) tokens
            if (!verify(jwt)) {
                return new AuthResult.Reject("jwt signature not verified");
            }
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException e) {
            return new AuthResult.Reject("jwt not usable: " + e.getMessage());
        }
        String problem = claimProblem(claims);
        if (problem != null) {
            return new AuthResult.Reject("jwt " + problem);
        }
        Object user = claims.getClaim(settings.usernameClaim());
        if (!(user instanceof String username) || username.isEmpty()) {
            return new AuthResult.Reject("jwt has no '" + settings.usernameClaim() + "' claim");
        }
        if (request.username() != null && !request.username().equals(username)) {
            return new AuthResult.Reject("jwt user '" + username + "' differs from CONNECT user name");
        }
        // The token is honoured until exp plus the skew it was accepted with, and not a moment longer.
        long validUntil = claims.getExpirationTime().getTime() + settings.clockSkew().toMillis();
        return new AuthResult.Accept(new Identity(request.clientId(), username, groups(claims), false,
                request.certCommonName(), acl(claims), validUntil));
    }

    private boolean verify(SignedJWT jwt) throws JOSEException {
        JWSHeader header = jwt.getHeader();
        JWSAlgorithm alg = header.getAlgorithm();
        if (JWSAlgorithm.HS256.equals(alg)) {
            return hmac != null && jwt.verify(hmac);
        }
        if (!JWSAlgorithm.RS256.equals(alg) && !JWSAlgorithm.ES256.equals(alg)) {
            return false;
        }
        for (JWK key : keys) {
            if (header.getKeyID() != null && key.getKeyID() != null && !header.getKeyID().equals(key.getKeyID())) {
                continue;
            }
            JWSVerifier verifier = null;
            if (JWSAlgorithm.RS256.equals(alg) && key instanceof RSAKey rsa) {
                verifier = new RSASSAVerifier(rsa);
            } else if (JWSAlgorithm.ES256.equals(alg) && key instanceof ECKey ec) {
                verifier = new ECDSAVerifier(ec);
            }
            if (verifier != null && jwt.verify(verifier)) {
                return true;
            }
        }
        return false;
    }

    private @Nullable String claimProblem(JWTClaimsSet claims) {
        long now = clock.millis();
        long skew = settings.clockSkew().toMillis();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            return "has no exp claim"; // RFC 7519 4.1.4; required here so no token lives forever
        }
        if (now - skew >= exp.getTime()) {
            return "expired";
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now + skew < nbf.getTime()) {
            return "not yet valid (nbf)";
        }
        if (settings.issuer() != null && !settings.issuer().equals(claims.getIssuer())) {
            return "issuer not accepted";
        }
        if (settings.audience() != null && (claims.getAudience() == null || !claims.getAudience().contains(settings.audience()))) {
            return "audience not accepted";
        }
        return null;
    }

    private static Set<String> groups(JWTClaimsSet claims) {
        try {
            List<String> g = claims.getStringListClaim("groups");
            return g == null ? Set.of() : Set.copyOf(g);
        } catch (ParseException e) {
            return Set.of();
        }
    }

    /** {@code "acl": {"pub": ["a/#"], "sub": ["b/+"]}} → {@link Identity.ClaimAcl}; absent → null. */
    private static Identity.@Nullable ClaimAcl acl(JWTClaimsSet claims) {
        if (!(claims.getClaim("acl") instanceof Map<?, ?> acl)) {
            return null;
        }
        return new Identity.ClaimAcl(strings(acl.get("pub")), strings(acl.get("sub")));
    }

    private static List<String> strings(@Nullable Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (o instanceof String s) {
                out.add(s);
            }
        }
        return out;
    }

    private static JWK fromPem(String pem) throws GeneralSecurityException {
        String body = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        X509EncodedKeySpec spec = new X509EncodedKeySpec(Base64.getDecoder().decode(body));
        try {
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(spec);
            return new RSAKey.Builder((RSAPublicKey) key).build();
        } catch (GeneralSecurityException notRsa) {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(spec);
            ECPublicKey ec = (ECPublicKey) key;
            return new ECKey.Builder(com.nimbusds.jose.jwk.Curve.forECParameterSpec(ec.getParams()), ec).build();
        }
    }
}
