package io.bastionmq.routing;

import static io.bastionmq.routing.Subscriptions.sub;
import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.codec.packet.QoS;
import org.junit.jupiter.api.Test;

class SubscriptionTrieTest {
    private final SubscriptionTrie trie = new SubscriptionTrie();

    @Test
    void matchesExactAndWildcardFilters() {
        for (String f : new String[] {"sport/tennis", "sport/+", "sport/#", "#", "+/tennis", "+", "sport/tennis/+", "other"}) {
            trie.subscribe(sub("c-" + f, f));
        }
        assertThat(RecordingVisitor.match(trie, "sport/tennis").filters()).containsExactlyInAnyOrder(
                "c-sport/tennis:sport/tennis", "c-sport/+:sport/+", "c-sport/#:sport/#", "c-#:#", "c-+/tennis:+/tennis");
        assertThat(RecordingVisitor.match(trie, "sport").filters()).containsExactlyInAnyOrder(
                "c-sport/#:sport/#", "c-#:#", "c-+:+");
        assertThat(RecordingVisitor.match(trie, "nothing/here/at/all").filters()).containsExactly("c-#:#");
    }

    @Test
    void appliesTheDollarRule_MQTT_4_7_2_1() {
        trie.subscribe(sub("all", "#"));
        trie.subscribe(sub("plus", "+/broker"));
        trie.subscribe(sub("sys", "$SYS/#"));
        trie.subscribe(sub("sysplus", "$SYS/+"));
        assertThat(RecordingVisitor.match(trie, "$SYS/broker").filters()).containsExactlyInAnyOrder("sys:$SYS/#", "sysplus:$SYS/+");
        assertThat(RecordingVisitor.match(trie, "x/broker").filters()).containsExactlyInAnyOrder("all:#", "plus:+/broker");
    }

    @Test
    void matchesEmptyLevels() {
        trie.subscribe(sub("a", "a/+/b"));
        trie.subscribe(sub("b", "+/a"));
        trie.subscribe(sub("c", "a//b"));
        trie.subscribe(sub("d", "a/+"));
        assertThat(RecordingVisitor.match(trie, "a//b").filters()).containsExactlyInAnyOrder("a:a/+/b", "c:a//b");
        assertThat(RecordingVisitor.match(trie, "/a").filters()).containsExactly("b:+/a");
        assertThat(RecordingVisitor.match(trie, "a/").filters()).containsExactly("d:a/+");
    }

    @Test
    void subscribingAgainReplacesAndReportsIt_MQTT_3_8_4_3() {
        assertThat(trie.subscribe(sub("c1", "a/+", QoS.AT_MOST_ONCE, 1))).isFalse();
        assertThat(trie.subscribe(sub("c1", "a/+", QoS.EXACTLY_ONCE, 2))).isTrue();
        assertThat(trie.subscriptionCount()).isEqualTo(1);
        RecordingVisitor v = RecordingVisitor.match(trie, "a/b");
        assertThat(v.subscribers).singleElement().satisfies(s -> {
            assertThat(s.subscriptionId()).isEqualTo(2);
            assertThat(s.options().maxQos()).isEqualTo(QoS.EXACTLY_ONCE);
        });
    }

    @Test
    void visitsEveryOverlappingSubscriptionOfOneClient() {
        trie.subscribe(sub("c1", "a/b", QoS.AT_MOST_ONCE, 1));
        trie.subscribe(sub("c1", "a/+", QoS.AT_LEAST_ONCE, 2));
        trie.subscribe(sub("c1", "#", QoS.EXACTLY_ONCE, 3));
        trie.subscribe(sub("c2", "a/b"));
        assertThat(RecordingVisitor.match(trie, "a/b").subscribers)
                .extracting(Subscriber::subscriptionId).containsExactlyInAnyOrder(1, 2, 3, 0);
        assertThat(trie.subscriptionCount()).isEqualTo(4);
    }

    @Test
    void unsubscribeRemovesOnlyThatClientsFilter() {
        trie.subscribe(sub("c1", "a/b"));
        trie.subscribe(sub("c2", "a/b"));
        assertThat(trie.unsubscribe("c1", TopicFilter.parse("a/b"))).isTrue();
        assertThat(trie.unsubscribe("c1", TopicFilter.parse("a/b"))).isFalse();
        assertThat(trie.unsubscribe("c1", TopicFilter.parse("x/y"))).isFalse();
        assertThat(trie.unsubscribe("c2", TopicFilter.parse("a/+"))).isFalse();
        assertThat(RecordingVisitor.match(trie, "a/b").filters()).containsExactly("c2:a/b");
        assertThat(trie.subscriptionCount()).isEqualTo(1);
    }

    @Test
    void unsubscribePrunesEmptyNodes() {
        String[] filters = {"a/b/c/d", "a/b/+", "a/#", "+/+/+", "#", "x//y", "$share/g/a/b/c", "$share/h/a/b/c"};
        for (String f : filters) {
            trie.subscribe(sub("c1", f));
            trie.subscribe(sub("c2", f));
        }
        assertThat(trie.nodeCount()).isGreaterThan(0);
        for (String f : filters) {
            assertThat(trie.unsubscribe("c1", TopicFilter.parse(f))).isTrue();
            assertThat(trie.unsubscribe("c2", TopicFilter.parse(f))).isTrue();
        }
        assertThat(trie.nodeCount()).isZero();
        assertThat(trie.subscriptionCount()).isZero();
        assertThat(RecordingVisitor.match(trie, "a/b/c").subscribers).isEmpty();
    }

    @Test
    void pruningKeepsNodesThatStillServeOthers() {
        trie.subscribe(sub("c1", "a/b/c"));
        trie.subscribe(sub("c2", "a"));
        trie.unsubscribe("c1", TopicFilter.parse("a/b/c"));
        assertThat(trie.nodeCount()).isEqualTo(1);
        assertThat(RecordingVisitor.match(trie, "a").filters()).containsExactly("c2:a");
    }

    @Test
    void sharedSubscriptionsFormOneGroupPerShareNameAndFilter_MQTT5_4_8_2() {
        assertThat(trie.subscribe(sub("c1", "$share/g/a/+"))).isFalse();
        assertThat(trie.subscribe(sub("c2", "$share/g/a/+"))).isFalse();
        assertThat(trie.subscribe(sub("c1", "$share/g/a/+", QoS.AT_LEAST_ONCE, 7))).isTrue();
        trie.subscribe(sub("c3", "$share/h/a/+"));
        trie.subscribe(sub("c4", "$share/g/a/#"));
        trie.subscribe(sub("c1", "a/+"));
        assertThat(trie.subscriptionCount()).isEqualTo(5);

        RecordingVisitor v = RecordingVisitor.match(trie, "a/b");
        assertThat(v.filters()).containsExactly("c1:a/+");
        assertThat(v.groups).extracting(g -> g.shareName() + "/" + g.filter())
                .containsExactlyInAnyOrder("g/a/+", "h/a/+", "g/a/#");
        SharedGroup g = v.groups.stream().filter(x -> x.filter().equals("a/+") && x.shareName().equals("g")).findFirst().orElseThrow();
        assertThat(g.members()).extracting(Subscriber::clientId).containsExactly("c1", "c2");
        assertThat(g.members().get(0).subscriptionId()).isEqualTo(7);
    }

    @Test
    void sharedGroupsLeaveWhenTheirLastMemberDoes() {
        trie.subscribe(sub("c1", "$share/g/a"));
        trie.subscribe(sub("c2", "$share/g/a"));
        assertThat(trie.unsubscribe("c1", TopicFilter.parse("$share/g/a"))).isTrue();
        assertThat(trie.unsubscribe("c1", TopicFilter.parse("$share/g/a"))).isFalse();
        assertThat(trie.unsubscribe("c2", TopicFilter.parse("$share/other/a"))).isFalse();
        assertThat(RecordingVisitor.match(trie, "a").groups).singleElement()
                .satisfies(g -> assertThat(g.members()).extracting(Subscriber::clientId).containsExactly("c2"));
        assertThat(trie.unsubscribe("c2", TopicFilter.parse("$share/g/a"))).isTrue();
        assertThat(RecordingVisitor.match(trie, "a").groups).isEmpty();
        assertThat(trie.nodeCount()).isZero();
    }

    @Test
    void sharedAndNonSharedSubscriptionsOfOneClientAreDistinct() {
        trie.subscribe(sub("c1", "a"));
        trie.subscribe(sub("c1", "$share/g/a"));
        assertThat(trie.subscriptionCount()).isEqualTo(2);
        trie.unsubscribe("c1", TopicFilter.parse("a"));
        RecordingVisitor v = RecordingVisitor.match(trie, "a");
        assertThat(v.subscribers).isEmpty();
        assertThat(v.groups).hasSize(1);
    }

    @Test
    void handlesCrowdedNodes() {
        int n = SubscriberSet.STRIPE_TARGET * 40;
        for (int i = 0; i < n; i++) {
            trie.subscribe(sub("c" + i, "broadcast/#"));
        }
        assertThat(trie.subscribe(sub("c" + (n - 1), "broadcast/#"))).isTrue();
        assertThat(trie.subscribe(sub("c0", "broadcast/#"))).isTrue();
        assertThat(RecordingVisitor.match(trie, "broadcast/x").subscribers).hasSize(n);
        for (int i = 0; i < n; i += 2) {
            assertThat(trie.unsubscribe("c" + i, TopicFilter.parse("broadcast/#"))).isTrue();
        }
        assertThat(RecordingVisitor.match(trie, "broadcast").subscribers)
                .extracting(Subscriber::clientId).doesNotHaveDuplicates().hasSize(n / 2).allMatch(id -> Integer.parseInt(id.substring(1)) % 2 == 1);
        for (int i = 1; i < n; i += 2) {
            trie.unsubscribe("c" + i, TopicFilter.parse("broadcast/#"));
        }
        assertThat(trie.nodeCount()).isZero();
    }
}
