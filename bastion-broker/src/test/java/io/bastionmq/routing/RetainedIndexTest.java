package io.bastionmq.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.codec.packet.Payload;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.QoS;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetainedIndexTest {
    private final RetainedIndex index = new RetainedIndex();

    @Test
    void putGetReplaceRemove_MQTT_3_3_1_5() {
        index.put(retained("a/b", "one"));
        assertThat(index.get("a/b").payload().asUtf8()).isEqualTo("one");
        assertThat(index.get("a")).isNull();
        assertThat(index.get("a/b/c")).isNull();

        index.put(retained("a/b", "three"));
        assertThat(index.get("a/b").payload().asUtf8()).isEqualTo("three");
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.payloadBytes()).isEqualTo(5);

        index.put(retained("a", "xy"));
        assertThat(index.size()).isEqualTo(2);
        assertThat(index.payloadBytes()).isEqualTo(7);

        index.remove("a/b");
        index.remove("a/b");
        index.remove("never/there");
        assertThat(index.get("a/b")).isNull();
        assertThat(index.get("a").payload().asUtf8()).isEqualTo("xy");
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.payloadBytes()).isEqualTo(2);
    }

    @Test
    void removalPrunesEmptyLevels() {
        String[] topics = {"a/b/c/d", "a/b", "/x", "x//", "$SYS/load"};
        for (String t : topics) {
            index.put(retained(t, "p"));
        }
        index.remove("a/b/c/d");
        assertThat(index.get("a/b")).isNotNull();
        for (String t : topics) {
            index.remove(t);
        }
        assertThat(index.nodeCount()).isZero();
        assertThat(index.size()).isZero();
        assertThat(index.payloadBytes()).isZero();
    }

    @Test
    void matchesWildcardFilters() {
        for (String t : new String[] {"sport", "sport/tennis", "sport/tennis/p1", "sport/golf/p1", "news", "a//b", "/a"}) {
            index.put(retained(t, t));
        }
        assertThat(topics("sport/#")).containsExactlyInAnyOrder("sport", "sport/tennis", "sport/tennis/p1", "sport/golf/p1");
        assertThat(topics("sport/+")).containsExactly("sport/tennis");
        assertThat(topics("sport/+/p1")).containsExactlyInAnyOrder("sport/tennis/p1", "sport/golf/p1");
        assertThat(topics("+")).containsExactlyInAnyOrder("sport", "news");
        assertThat(topics("#")).hasSize(7);
        assertThat(topics("a/+/b")).containsExactly("a//b");
        assertThat(topics("+/a")).containsExactly("/a");
        assertThat(topics("sport/tennis")).containsExactly("sport/tennis");
        assertThat(topics("nothing/#")).isEmpty();
    }

    @Test
    void leadingWildcardsSkipDollarTopics_MQTT_4_7_2_1() {
        index.put(retained("$SYS/broker/load", "1"));
        index.put(retained("x/broker/load", "2"));
        assertThat(topics("#")).containsExactly("x/broker/load");
        assertThat(topics("+/broker/load")).containsExactly("x/broker/load");
        assertThat(topics("$SYS/#")).containsExactly("$SYS/broker/load");
        assertThat(topics("$SYS/+/load")).containsExactly("$SYS/broker/load");
    }

    @Test
    void sharedFiltersMatchByTheirInnerFilter() {
        index.put(retained("a/b", "1"));
        assertThat(topics("$share/g/a/+")).containsExactly("a/b");
    }

    @Test
    void sinkMayRemoveWhileMatching() {
        for (int i = 0; i < 50; i++) {
            index.put(retained("t/" + i, "x"));
        }
        List<String> seen = new ArrayList<>();
        index.match(TopicFilter.parse("t/#"), m -> {
            seen.add(m.topic());
            index.remove(m.topic());
        });
        assertThat(seen).hasSize(50);
        assertThat(index.size()).isZero();
        assertThat(index.nodeCount()).isZero();
    }

    @Test
    void matchAgreesWithTheReferenceMatcher() {
        Random random = new Random(7);
        Map<String, Message> all = new HashMap<>();
        for (int i = 0; i < 1_000; i++) {
            String topic = SubscriptionTrieRandomizedTest.randomTopic(random);
            Message m = retained(topic, "v" + i);
            index.put(m);
            all.put(topic, m);
        }
        assertThat(index.size()).isEqualTo(all.size());
        for (int i = 0; i < 500; i++) {
            TopicFilter filter = TopicFilter.parse(SubscriptionTrieRandomizedTest.randomFilter(random));
            List<Message> found = new ArrayList<>();
            index.match(filter, found::add);
            List<Message> expected = all.values().stream().filter(m -> filter.matches(m.topic())).toList();
            assertThat(found).as(filter.text()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private List<String> topics(String filter) {
        List<String> out = new ArrayList<>();
        index.match(TopicFilter.parse(filter), m -> out.add(m.topic()));
        return out;
    }

    private static Message retained(String topic, String payload) {
        return new Message(topic, Payload.utf8(payload), QoS.AT_LEAST_ONCE, true, Properties.EMPTY, Message.NO_EXPIRY, "pub");
    }
}
