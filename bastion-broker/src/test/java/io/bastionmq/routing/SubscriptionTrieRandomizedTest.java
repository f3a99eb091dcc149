package io.bastionmq.routing;

import static io.bastionmq.routing.Subscriptions.sub;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Checks the trie against the reference matcher {@link TopicFilter#matches} on random input. */
class SubscriptionTrieRandomizedTest {
    // A small alphabet makes collisions, empty levels and '$' topics frequent.
    private static final String[] WORDS = {"a", "b", "c", "", "$SYS", "ü", "aa"};

    @Test
    void trieMatchesWhatTheReferenceMatcherMatches() {
        Random random = new Random(20_240_601);
        SubscriptionTrie trie = new SubscriptionTrie();
        List<Subscriber> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 3_000; i++) {
            String filter = randomFilter(random);
            String client = "c" + random.nextInt(50);
            if (random.nextInt(10) == 0) {
                filter = "$share/g" + random.nextInt(3) + "/" + filter;
            }
            if (seen.add(client + " " + filter)) {
                Subscriber s = sub(client, filter);
                assertThat(trie.subscribe(s)).isFalse();
                all.add(s);
            }
        }
        // Drop a third again so that pruning runs amid live subscriptions.
        List<Subscriber> live = new ArrayList<>();
        for (Subscriber s : all) {
            if (random.nextInt(3) == 0) {
                assertThat(trie.unsubscribe(s.clientId(), s.filter())).isTrue();
            } else {
                live.add(s);
            }
        }
        assertThat(trie.subscriptionCount()).isEqualTo(live.size());

        for (int i = 0; i < 2_000; i++) {
            String topic = randomTopic(random);
            RecordingVisitor v = RecordingVisitor.match(trie, topic);
            Set<String> expectedPlain = new HashSet<>();
            Set<String> expectedGroups = new HashSet<>();
            for (Subscriber s : live) {
                if (s.filter().matches(topic)) {
                    if (s.filter().isShared()) {
                        expectedGroups.add(s.filter().shareName() + " " + s.filter().filter());
                    } else {
                        expectedPlain.add(s.clientId() + " " + s.filter().text());
                    }
                }
            }
            assertThat(v.subscribers).as(topic).extracting(s -> s.clientId() + " " + s.filter().text())
                    .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expectedPlain);
            assertThat(v.groups).as(topic).extracting(g -> g.shareName() + " " + g.filter())
                    .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expectedGroups);
        }
    }

    static String randomFilter(Random random) {
        int levels = 1 + random.nextInt(4);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            if (i > 0) {
                sb.append('/');
            }
            int pick = random.nextInt(10);
            if (pick < 2) {
                sb.append('+');
            } else if (pick < 3) {
                return sb.append('#').toString();
            } else {
                sb.append(WORDS[random.nextInt(WORDS.length)]);
            }
        }
        return sb.isEmpty() ? "a" : sb.toString();
    }

    static String randomTopic(Random random) {
        int levels = 1 + random.nextInt(5);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            if (i > 0) {
                sb.append('/');
            }
            sb.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return sb.isEmpty() ? "a" : sb.toString();
    }
}
