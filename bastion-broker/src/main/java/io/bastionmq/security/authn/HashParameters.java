package io.bastionmq.security.authn;

/**
 * Argon2id cost parameters (RFC 9106). The defaults are OWASP's first recommended set
 * (19 MiB, 2 passes, 1 lane): about 35 ms per verification with Bouncy Castle's pure-Java
 * Argon2 on one core (AuthCostIT), so each authentication worker admits about 28 passwords a second.
 *
 * @param memoryKib   memory in KiB, at least 8 × parallelism (RFC 9106 3.1)
 * @param iterations  passes over the memory, at least 1
 * @param parallelism lanes, 1..16
 */
public record HashParameters(int memoryKib, int iterations, int parallelism) {
    public static final int MEMORY_KIB_DEFAULT = 19 * 1024;
    public static final int MEMORY_KIB_MINIMUM = 8;
    public static final int MEMORY_KIB_MAXIMUM = 4 * 1024 * 1024;
    public static final int ITERATIONS_DEFAULT = 2;
    public static final int ITERATIONS_MAXIMUM = 100;
    public static final int PARALLELISM_DEFAULT = 1;
    public static final int PARALLELISM_MAXIMUM = 16;

    public static final HashParameters OWASP = new HashParameters(MEMORY_KIB_DEFAULT, ITERATIONS_DEFAULT, PARALLELISM_DEFAULT);

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
    }
}
