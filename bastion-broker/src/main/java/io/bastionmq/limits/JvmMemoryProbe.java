package io.bastionmq.limits;

import io.netty.util.internal.PlatformDependent;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * The real probe. Heap: what is in use outside the young generation's eden, over the heap's
 * maximum. Eden fills with garbage between collections and is emptied by the next one, so
 * counting it would make every busy minute look like an overload; survivor and old spaces are
 * what live data occupies. Direct memory: Netty's own counter of the buffers it allocated, over
 * its limit ({@code -XX:MaxDirectMemorySize} or {@code -Dio.netty.maxDirectMemory}).
 */
public final class JvmMemoryProbe implements MemoryProbe {
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.isValid())
            .toList();

    @Override
    public double heapUsedFraction() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
        long used = heap.getUsed();
        for (MemoryPoolMXBean pool : heapPools) {
            if (pool.getName().contains("Eden")) {
                used -= pool.getUsage().getUsed();
            }
        }
        return max <= 0 ? 0 : Math.max(0, (double) used / max);
    }

    @Override
    public double directMemoryUsedFraction() {
        long max = PlatformDependent.maxDirectMemory();
        long used = PlatformDependent.usedDirectMemory();
        return max <= 0 || used < 0 ? 0 : (double) used / max;
    }
}
