package io.bastionmq.config;

import io.bastionmq.security.authn.BruteForceSettings;
import io.bastionmq.security.authn.HashParameters;
import io.bastionmq.security.authn.JwtSettings;
import io.bastionmq.security.authn.PasswordPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** The {@code authentication} section of the configuration file ({@link AuthenticationConfig}). */
final class AuthenticationSection {
    static final List<String> KEYS = List.of("providers", "workers", "hashing", "password_policy", "brute_force", "jwt");
    static final List<String> HASHING_KEYS = List.of("memory_kib", "iterations", "parallelism", "scram_iterations");
    static final List<String> POLICY_KEYS = List.of("min_length", "min_score");
    static final List<String> BRUTE_FORCE_KEYS = List.of("max_failures", "lockout", "base_delay", "max_delay");
    static final List<String> JWT_KEYS = List.of("secret_file", "public_key_file", "jwks_file", "issuer", "audience",
            "clock_skew", "username_claim");

    private AuthenticationSection() {}

    static AuthenticationConfig parse(Section s, Path base) {
        AuthenticationConfig d = AuthenticationConfig.DEFAULT;
        List<String> providers = s.strings("providers", d.providers());
        int workers = s.integer("workers", d.workers());
        Section h = s.section("hashing", HASHING_KEYS);
        HashParameters hashing = valid(s.pathOf("hashing"), "see docs/configuration.md for the bounds", () -> new HashParameters(
                h.integer("memory_kib", HashParameters.MEMORY_KIB_DEFAULT), h.integer("iterations", HashParameters.ITERATIONS_DEFAULT),
                h.integer("parallelism", HashParameters.PARALLELISM_DEFAULT),
                h.integer("scram_iterations", HashParameters.SCRAM_ITERATIONS_DEFAULT)));
        Section p = s.section("password_policy", POLICY_KEYS);
        PasswordPolicy policy = valid(s.pathOf("password_policy"), "min_length 8..128, min_score 0..4", () -> new PasswordPolicy(
                p.integer("min_length", PasswordPolicy.MIN_LENGTH_DEFAULT), p.integer("min_score", PasswordPolicy.MIN_SCORE_DEFAULT)));
        Section b = s.section("brute_force", BRUTE_FORCE_KEYS);
        BruteForceSettings bruteForce = valid(s.pathOf("brute_force"), "for example: max_failures: 5, lockout: 5m",
                () -> new BruteForceSettings(b.integer("max_failures", BruteForceSettings.MAX_FAILURES_DEFAULT),
                        b.duration("lockout", BruteForceSettings.LOCKOUT_DEFAULT),
                        b.duration("base_delay", BruteForceSettings.BASE_DELAY_DEFAULT),
                        b.duration("max_delay", BruteForceSettings.MAX_DELAY_DEFAULT)));
        JwtSettings jwt = null;
        if (s.has("jwt")) {
            Section j = s.section("jwt", JWT_KEYS);
            jwt = valid(s.pathOf("jwt"), "name a key: secret_file (HS256), public_key_file or jwks_file (RS256/ES256)",
                    () -> new JwtSettings(file(j, "secret_file", base), file(j, "public_key_file", base), file(j, "jwks_file", base),
                            optional(j, "issuer"), optional(j, "audience"),
                            j.duration("clock_skew", JwtSettings.CLOCK_SKEW_DEFAULT),
                            j.string("username_claim", JwtSettings.USERNAME_CLAIM_DEFAULT)));
        }
        JwtSettings jwtSettings = jwt;
        return new AuthenticationConfig(providers, hashing, policy, bruteForce, jwtSettings, workers);
    }

    private static @Nullable Path file(Section s, String key, Path base) {
        String v = optional(s, key);
        return v == null ? null : base.resolve(v).normalize();
    }

    private static @Nullable String optional(Section s, String key) {
        return s.has(key) ? s.string(key, "") : null;
    }

    private static <T> T valid(String path, String hint, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path, e.getMessage(), hint);
        }
    }
}
