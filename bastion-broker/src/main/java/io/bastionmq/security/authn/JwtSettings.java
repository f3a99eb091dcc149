package io.bastionmq.security.authn;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How JWTs are verified (RFC 7519). At least one key source is set. {@code exp} is always
 * required; {@code iss} and {@code aud} are checked when configured.
 *
 * @param secretFile    HS256 shared secret (at least 32 bytes, RFC 7518 3.2), or null
 * @param publicKeyFile RS256/ES256 public key, PEM ({@code BEGIN PUBLIC KEY}), or null
 * @param jwksFile      a JSON Web Key Set file (RFC 7517) of RSA/EC public keys, or null
 * @param issuer        required {@code iss}, or null for any
 * @param audience      required member of {@code aud}, or null for any
 * @param clockSkew     tolerance for {@code exp}/{@code nbf}
 * @param usernameClaim the claim that names the user (default {@code sub})
 */
public record JwtSettings(@Nullable Path secretFile, @Nullable Path publicKeyFile, @Nullable Path jwksFile,
                          @Nullable String issuer, @Nullable String audience, Duration clockSkew, String usernameClaim) {
    public static final Duration CLOCK_SKEW_DEFAULT = Duration.ofSeconds(30);
    public static final Duration CLOCK_SKEW_MAXIMUM = Duration.ofMinutes(10);
    public static final String USERNAME_CLAIM_DEFAULT = "sub";

    public JwtSettings {
        if (secretFile == null && publicKeyFile == null && jwksFile == null) {
            throw new IllegalArgumentException("the jwt provider needs secret_file, public_key_file or jwks_file");
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(CLOCK_SKEW_MAXIMUM) > 0) {
            throw new IllegalArgumentException("clock_skew must be 0.." + CLOCK_SKEW_MAXIMUM.toSeconds() + "s");
        }
        if (usernameClaim.isBlank()) {
            throw new IllegalArgumentException("username_claim is empty");
        }
    }
}
