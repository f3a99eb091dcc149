package io.bastionmq.routing;

import static io.bastionmq.routing.Subscriptions.sub;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SubscriptionTrieConcurrencyTest {
    private static final String[] FILTERS = {"a/b", "a/+", "a/#", "#", "+/b", "a/b/c", "$share/g/a/b", "$share/h/+/b", "x/y"};

    @Test
    void matchingWhileOthersSubscribeAndUnsubscribeIsSafeAndEndsConsistent() throws Exception {
        SubscriptionTrie trie = new SubscriptionTrie();
        // Subscriptions that stay throughout: every match must see them.
        trie.subscribe(sub("stable", "a/b"));
        trie.subscribe(sub("stable-shared", "$share/s/a/b"));

        int writers = 4;
        int readers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers + readers);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong matches = new AtomicLong();
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int w = 0; w < writers; w++) {
                int id = w;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int round = 0; round < 3_000; round++) {
                        for (String f : FILTERS) {
                            trie.subscribe(sub("w" + id + "-" + (round % 20), f));
                        }
                        for (String f : FILTERS) {
                            trie.unsubscribe("w" + id + "-" + ((round + 10) % 20), TopicFilter.parse(f));
                        }
                    }
                    return null;
                }));
            }
            for (int r = 0; r < readers; r++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    while (writing.get()) {
                        RecordingVisitor v = RecordingVisitor.match(trie, "a/b");
                        assertThat(v.filters()).contains("stable:a/b").doesNotHaveDuplicates();
                        assertThat(v.groups).extracting(SharedGroup::shareName).contains("s").doesNotHaveDuplicates();
                        matches.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (int w = 0; w < writers; w++) {
                futures.get(w).get(30, TimeUnit.SECONDS);
            }
            writing.set(false);
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(matches.get()).isPositive();

        // Each writer ends holding the clients of its last ten rounds (2990..2999 mod 20 = 10..19).
        int expected = 2 + writers * 10 * FILTERS.length;
        assertThat(trie.subscriptionCount()).isEqualTo(expected);
        assertThat(RecordingVisitor.match(trie, "a/b").subscribers).hasSize(1 + writers * 10 * 5);
        for (int w = 0; w < writers; w++) {
            for (int c = 10; c < 20; c++) {
                for (String f : FILTERS) {
                    assertThat(trie.unsubscribe("w" + w + "-" + c, TopicFilter.parse(f))).isTrue();
                }
            }
        }
        trie.unsubscribe("stable", TopicFilter.parse("a/b"));
        trie.unsubscribe("stable-shared", TopicFilter.parse("$share/s/a/b"));
        assertThat(trie.subscriptionCount()).isZero();
        assertThat(trie.nodeCount()).isZero();
    }
}
