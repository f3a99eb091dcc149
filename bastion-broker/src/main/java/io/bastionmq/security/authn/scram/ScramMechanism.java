package io.bastionmq.security.authn.scram;

import org.jspecify.annotations.Nullable;

/** The SCRAM mechanisms this broker offers, by their IANA SASL names (RFC 7677 §2, RFC 5802 §4). */
public enum ScramMechanism {
    SHA_256("SCRAM-SHA-256", new ScramAlgorithms("SHA-256", "HmacSHA256", "PBKDF2WithHmacSHA256", 32)),
    SHA_512("SCRAM-SHA-512", new ScramAlgorithms("SHA-512", "HmacSHA512", "PBKDF2WithHmacSHA512", 64));

    private final String saslName;
    private final ScramAlgorithms algorithms;

    ScramMechanism(String saslName, ScramAlgorithms algorithms) {
        this.saslName = saslName;
        this.algorithms = algorithms;
    }

    /** The name a client puts in the MQTT 5 Authentication Method property. */
    public String saslName() {
        return saslName;
    }

    public ScramAlgorithms algorithms() {
        return algorithms;
    }

    /** The mechanism of this SASL name (case-sensitive, as MQTT compares the method), or null. */
    public static @Nullable ScramMechanism fromSaslName(String name) {
        for (ScramMechanism m : values()) {
            if (m.saslName.equals(name)) {
                return m;
            }
        }
        return null;
    }
}
