package io.bastionmq.limits;

/**
 * Reads how full memory is, as fractions of the maximum (0.0 to 1.0). The broker uses
 * {@link JvmMemoryProbe}; tests swap in a fake to drive the overload policy.
 */
public interface MemoryProbe {
    double heapUsedFraction();

    double directMemoryUsedFraction();
}
