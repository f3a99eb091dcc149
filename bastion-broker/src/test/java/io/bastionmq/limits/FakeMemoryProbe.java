package io.bastionmq.limits;

/** A memory probe the test sets by hand. */
final class FakeMemoryProbe implements MemoryProbe {
    volatile double heap;
    volatile double direct;

    @Override
    public double heapUsedFraction() {
        return heap;
    }

    @Override
    public double directMemoryUsedFraction() {
        return direct;
    }
}
