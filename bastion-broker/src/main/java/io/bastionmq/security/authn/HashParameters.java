package io.bastionmq.security.authn;

/**
 * Argon2id cost parameters (RFC 9106), and the PBKDF2 iteration count of the SCRAM verifiers
 * stored beside each hash (RFC 7677 §4). The defaults are OWASP's first recommended set
 * (19 MiB, 2 passes, 1 lane): about 35 ms per verification with Bouncy Castle's pure-Java
 * Argon2 on one core (AuthCostIT), so each authentication worker admits about 28 passwords a second.
 *
 * @param memoryKib   memory in KiB, at least 8 × parallelism (RFC 9106 3.1)
 * @param iterations  passes over the memory, at least 1
 * @param parallelism lanes, 1..16
 * @param scramIterations PBKDF2 iterations of new SCRAM-SHA-256/-512 verifiers, at least 4096
 *                    (RFC 7677 §4). Every SCRAM client pays them on each connect (unless it caches
 *                    the salted password); a stolen verifier costs a guesser as much per guess.
 */
public record HashParameters(int memoryKib, int iterations, int parallelism, int scramIterations) {
    public static final int MEMORY_KIB_DEFAULT = 19 * 1024;
    public static final int MEMORY_KIB_MINIMUM = 8;
    public static final int MEMORY_KIB_MAXIMUM = 4 * 1024 * 1024;
    public static final int ITERATIONS_DEFAULT = 2;
    public static final int ITERATIONS_MAXIMUM = 100;
    public static final int PARALLELISM_DEFAULT = 1;
    public static final int PARALLELISM_MAXIMUM = 16;
    /** RFC 7677 §4: "at least 4096"; also the default of PostgreSQL and Kafka, which SCRAM clients expect. */
    public static final int SCRAM_ITERATIONS_DEFAULT = 4096;
    public static final int SCRAM_ITERATIONS_MINIMUM = 4096;
    public static final int SCRAM_ITERATIONS_MAXIMUM = 10_000_000;

    public static final HashParameters OWASP = new HashParameters(MEMORY_KIB_DEFAULT, ITERATIONS_DEFAULT, PARALLELISM_DEFAULT);

    /** Argon2id parameters with the default SCRAM iteration count. */
    public HashParameters(int memoryKib, int iterations, int parallelism) {
        this(memoryKib, iterations, parallelism, SCRAM_ITERATIONS_DEFAULT);
    }

    public HashParameters {
        if (parallelism < 1 || parallelism > PARALLELISM_MAXIMUM) {
            throw new IllegalArgumentException("parallelism must be 1.." + PARALLELISM_MAXIMUM + ", got " + parallelism);
        }
        if (memoryKib < Math.max(MEMORY_KIB_MINIMUM, 8 * parallelism) || memoryKib > MEMORY_KIB_MAXIMUM) {
            throw new IllegalArgumentException("memory must be " + 8 * parallelism + ".." + MEMORY_KIB_MAXIMUM + " KiB, got " + memoryKib);
        }
        if (iterations < 1 || iterations > ITERATIONS_MAXIMUM) {
            throw new IllegalArgumentException("iterations must be 1.." + ITERATIONS_MAXIMUM + ", got " + iterations);
        }
        if (scramIterations < SCRAM_ITERATIONS_MINIMUM || scramIterations > SCRAM_ITERATIONS_MAXIMUM) {
            throw new IllegalArgumentException("scram_iterations must be " + SCRAM_ITERATIONS_MINIMUM + ".."
                    + SCRAM_ITERATIONS_MAXIMUM + " (RFC 7677 §4), got " + scramIterations);
        }
    }
}
