package io.bastionmq.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LevelTableTest {
    @Test
    void findsALevelByItsRangeInsideATopic() {
        LevelTable<String> table = new LevelTable<String>().with("sensor", "S").with("a", "A")
                .with("", "EMPTY"); // "a//b" has an empty level (MQTT5 4.7.3)
        String topic = "plant/sensor/a//sensors";
        assertThat(table.get(topic, 6, 12)).isEqualTo("S");
        assertThat(table.get(topic, 13, 14)).isEqualTo("A");
        assertThat(table.get(topic, 15, 15)).isEqualTo("EMPTY");
        assertThat(table.get(topic, 16, 23)).as("a longer level with the same prefix").isNull();
        assertThat(table.get(topic, 0, 5)).isNull();
        assertThat(table.get(topic, 6, 11)).as("a prefix of a stored level").isNull();
    }

    @Test
    void growsAndRemovesWithEveryOtherEntryStillFound() {
        LevelTable<Integer> table = new LevelTable<>();
        for (int i = 0; i < 10_000; i++) {
            table = table.with("d" + i, i);
        }
        for (int i = 0; i < 10_000; i += 2) {
            assertThat(table.remove("d" + i)).isTrue();
        }
        assertThat(table.remove("d0")).isFalse();
        assertThat(table.size()).isEqualTo(5_000);
        for (int i = 0; i < 10_000; i++) {
            assertThat(table.get("x/d" + i + "/y", 2, 3 + String.valueOf(i).length())).isEqualTo(i % 2 == 0 ? null : i);
        }
        Set<Integer> seen = new HashSet<>();
        table.forEach(seen::add);
        assertThat(seen).hasSize(5_000).allMatch(i -> i % 2 == 1);
    }

    @Test
    void churnAroundOneSizeDoesNotGrowTheTable() {
        LevelTable<String> table = new LevelTable<>();
        for (int i = 0; i < 8; i++) {
            table = table.with("keep" + i, "k");
        }
        for (int round = 0; round < 100_000; round++) {
            table = table.with("churn" + round, "c");
            assertThat(table.remove("churn" + round)).isTrue();
        }
        // At most 9 live entries, so 32 slots (at most half full); tombstones are swept, never grown over.
        assertThat(table.capacity()).isLessThanOrEqualTo(32);
        assertThat(table.size()).isEqualTo(8);
        assertThat(table.get("keep7")).isEqualTo("k");
    }

    /** Levels built from "Aa" and "BB" all share one String.hashCode: the classic flood of Java hash maps. */
    @Test
    void levelsWithOneStringHashCodeDoNotPileUpInOneChain() {
        List<String> colliding = new ArrayList<>(List.of(""));
        for (int pair = 0; pair < 12; pair++) {
            List<String> longer = new ArrayList<>();
            for (String s : colliding) {
                longer.add(s + "Aa");
                longer.add(s + "BB");
            }
            colliding = longer;
        }
        assertThat(colliding).hasSize(4096).extracting(String::hashCode).containsOnly(colliding.get(0).hashCode());
        LevelTable<String> table = new LevelTable<>();
        for (String level : colliding) {
            table = table.with(level, level);
        }
        assertThat(table.longestProbe()).isLessThanOrEqualTo(LevelTable.MAX_PROBE);
        for (String level : colliding) {
            assertThat(table.get(level)).isEqualTo(level);
        }
    }

    @Test
    void readersAlwaysFindStableLevelsWhileAWriterAddsRemovesAndRebuilds() throws Exception {
        // The owner's volatile field, as a trie node's children field.
        AtomicReference<LevelTable<String>> table = new AtomicReference<>(new LevelTable<>());
        for (int i = 0; i < 16; i++) {
            table.set(table.get().with("stable" + i, "s" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Future<?>> readers = new ArrayList<>();
        try {
            Object lock = new Object(); // writers are serialized by the caller, as the tries do
            Future<?> writer = pool.submit(() -> {
                start.await();
                try {
                    for (int round = 0; round < 200; round++) {
                        synchronized (lock) {
                            for (int i = 0; i < 200; i++) {
                                table.set(table.get().with("t" + round + "-" + i, "x"));
                            }
                            for (int i = 0; i < 200; i++) {
                                table.get().remove("t" + round + "-" + i);
                            }
                        }
                    }
                } finally {
                    writing.set(false);
                }
                return null;
            });
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    start.await();
                    long lookups = 0;
                    while (writing.get() || lookups == 0) {
                        for (int i = 0; i < 16; i++) {
                            assertThat(table.get().get("a/stable" + i, 2, 8 + String.valueOf(i).length())).isEqualTo("s" + i);
                            lookups++;
                        }
                    }
                    return lookups;
                }));
            }
            start.countDown();
            writer.get(60, TimeUnit.SECONDS);
            for (Future<?> f : readers) {
                assertThat((Long) f.get(60, TimeUnit.SECONDS)).isPositive();
            }
            assertThat(table.get().size()).isEqualTo(16);
        } finally {
            pool.shutdownNow();
        }
    }
}
