package io.bastionmq.jmh;

import io.bastionmq.codec.packet.QoS;
import io.bastionmq.codec.packet.Subscription;
import io.bastionmq.routing.SharedGroup;
import io.bastionmq.routing.Subscriber;
import io.bastionmq.routing.SubscriptionTrie;
import io.bastionmq.routing.TopicFilter;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link SubscriptionTrie#match} against 1,000,000 subscriptions over topics {@code t/A/B/C}
 * (A, B, C in 0..99, so 1,000,000 topics):
 * <ul>
 *   <li>900,000 exact filters {@code t/A/B/C}, one client each (A &lt; 90);
 *   <li>50,000 {@code t/A/+/C}: 10,000 filters, 5 clients each;
 *   <li>40,000 {@code t/A/B/#}: 10,000 filters, 4 clients each;
 *   <li>10,000 {@code t/+/B/C}: 10,000 filters, 1 client each.
 * </ul>
 * A random topic matches 11 subscriptions (10 for A &ge; 90). {@code matchMiss} measures a topic
 * under a level no filter names ({@code u/...}), the cost of a PUBLISH nobody listens to; and
 * {@code subscribeUnsubscribe} one SUBSCRIBE + UNSUBSCRIBE into the full trie. With {@code -prof gc},
 * {@code gc.alloc.rate.norm} of {@code match} and {@code matchMiss} should stay at 0 B/op: the trie
 * looks levels up by range ({@code LevelTable}), and a regression there shows as bytes per op.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class TrieBenchmark {
    static final int TOPICS = 1 << 14;

    private final SubscriptionTrie trie = new SubscriptionTrie();
    private final String[] topics = new String[TOPICS];
    private final String[] misses = new String[TOPICS];

    @Setup(Level.Trial)
    public void setUp() {
        int client = 0;
        for (int i = 0; i < 900_000; i++) {
            add(trie, "c" + client++, "t/" + (i / 10_000) + "/" + (i / 100 % 100) + "/" + (i % 100));
        }
        for (int f = 0; f < 10_000; f++) {
            int x = f / 100;
            int y = f % 100;
            for (int k = 0; k < 5; k++) {
                add(trie, "c" + client++, "t/" + x + "/+/" + y);
            }
            for (int k = 0; k < 4; k++) {
                add(trie, "c" + client++, "t/" + x + "/" + y + "/#");
            }
            add(trie, "c" + client++, "t/+/" + x + "/" + y);
        }
        if (trie.subscriptionCount() != 1_000_000) {
            throw new IllegalStateException("expected 1,000,000 subscriptions, have " + trie.subscriptionCount());
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < TOPICS; i++) {
            String abc = random.nextInt(100) + "/" + random.nextInt(100) + "/" + random.nextInt(100);
            topics[i] = "t/" + abc;
            misses[i] = "u/" + abc;
        }
        CountingVisitor check = new CountingVisitor();
        trie.match("t/1/2/3", check);
        if (check.count != 11) {
            throw new IllegalStateException("t/1/2/3 should match 11 subscriptions, matched " + check.count);
        }
    }

    private static void add(SubscriptionTrie trie, String clientId, String filter) {
        trie.subscribe(new Subscriber(clientId, TopicFilter.parse(filter), Subscription.of(filter, QoS.AT_LEAST_ONCE), 0));
    }

    /** Per-thread cursor over the topics, so that threads do not share a counter. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
        final CountingVisitor visitor = new CountingVisitor();
    }

    @Benchmark
    public void match(Cursor cursor, Blackhole bh) {
        CountingVisitor v = cursor.visitor;
        v.count = 0;
        trie.match(topics[cursor.next++ & (TOPICS - 1)], v);
        bh.consume(v.count);
    }

    @Benchmark
    public void matchMiss(Cursor cursor, Blackhole bh) {
        CountingVisitor v = cursor.visitor;
        v.count = 0;
        trie.match(misses[cursor.next++ & (TOPICS - 1)], v);
        bh.consume(v.count);
    }

    @Benchmark
    public boolean subscribeUnsubscribe(Cursor cursor) {
        String filter = topics[cursor.next++ & (TOPICS - 1)];
        TopicFilter parsed = TopicFilter.parse(filter);
        trie.subscribe(new Subscriber("bench-client", parsed, Subscription.of(filter, QoS.AT_LEAST_ONCE), 0));
        return trie.unsubscribe("bench-client", parsed);
    }

    static final class CountingVisitor implements SubscriptionTrie.MatchVisitor {
        int count;

        @Override
        public void subscriber(Subscriber s) {
            count++;
        }

        @Override
        public void sharedGroup(SharedGroup g) {
            count++;
        }
    }
}
