package io.bastionmq.config;

import io.bastionmq.security.authn.BruteForceSettings;
import io.bastionmq.security.authn.HashParameters;
import io.bastionmq.security.authn.JwtSettings;
import io.bastionmq.security.authn.PasswordPolicy;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code authentication} section (THREATS.md C1–C5).
 *
 * @param providers  the chain, in order: {@code password}, {@code jwt}; each accepts, rejects or passes.
 *                   {@code scram} (anywhere in the list) enables MQTT 5 enhanced authentication with
 *                   SCRAM-SHA-256/-512 (a CONNECT with an Authentication Method); it is on by default
 * @param hashing    Argon2id cost for new hashes, and SCRAM iterations for new verifiers
 * @param policy     password rules at enrolment
 * @param bruteForce back-off and lockout
 * @param jwt        JWT verification, required when {@code jwt} is in the chain
 * @param workers    threads that hash passwords off the event loop
 */
public record AuthenticationConfig(List<String> providers, HashParameters hashing, PasswordPolicy policy,
                                   BruteForceSettings bruteForce, @Nullable JwtSettings jwt, int workers) {
    public static final Set<String> KNOWN_PROVIDERS = Set.of("password", "jwt", "scram");
    public static final int WORKERS_DEFAULT = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));
    public static final int WORKERS_MAXIMUM = 64;
    public static final AuthenticationConfig DEFAULT = new AuthenticationConfig(List.of("password", "scram"), HashParameters.OWASP,
            PasswordPolicy.DEFAULT, BruteForceSettings.DEFAULT, null, WORKERS_DEFAULT);

    public AuthenticationConfig {
        providers = List.copyOf(providers);
        for (int i = 0; i < providers.size(); i++) {
            if (!KNOWN_PROVIDERS.contains(providers.get(i))) {
                throw new ConfigException("authentication.providers[" + i + "]", "unknown provider '" + providers.get(i) + "'",
                        "known providers: password, jwt, scram");
            }
        }
        if (providers.size() != Set.copyOf(providers).size()) {
            throw new ConfigException("authentication.providers", "a provider is named twice", "name each provider once");
        }
        if (providers.contains("jwt") && jwt == null) {
            throw new ConfigException("authentication.jwt", "the jwt provider is in the chain but not configured",
                    "set authentication.jwt.secret_file, public_key_file or jwks_file");
        }
        Bounds.check("authentication.workers", workers, 1, WORKERS_MAXIMUM);
    }
}
