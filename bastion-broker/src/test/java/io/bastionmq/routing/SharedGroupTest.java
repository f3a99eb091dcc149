package io.bastionmq.routing;

import static io.bastionmq.routing.Subscriptions.sub;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SharedGroupTest {
    private final SharedGroup group = new SharedGroup("g", "a/+");

    @Test
    void emptyGroupHasNoNext() {
        assertThat(group.next()).isNull();
        assertThat(group.next(s -> true)).isNull();
        assertThat(group.members()).isEmpty();
    }

    @Test
    void picksMembersRoundRobin() {
        join("c1", "c2", "c3");
        assertThat(picks(6, Set.of())).containsExactly("c1", "c2", "c3", "c1", "c2", "c3");
    }

    @Test
    void skipsUnusableMembersAndKeepsTheRestTakingTurns() {
        join("c1", "c2", "c3", "c4");
        List<String> picked = picks(6, Set.of("c1", "c3"));
        assertThat(picked).containsOnly("c2", "c4");
        assertThat(picked.stream().filter("c2"::equals).count()).isEqualTo(3);
    }

    @Test
    void returnsNullWhenNoMemberIsUsable() {
        join("c1", "c2");
        assertThat(group.next(s -> false)).isNull();
    }

    @Test
    void replacesAndRemovesMembers() {
        join("c1", "c2");
        assertThat(group.put(sub("c1", "$share/g/a/+", io.bastionmq.codec.packet.QoS.AT_LEAST_ONCE, 9))).isTrue();
        assertThat(group.members()).extracting(Subscriber::subscriptionId).containsExactly(9, 0);
        assertThat(group.remove("c1")).isTrue();
        assertThat(group.remove("c1")).isFalse();
        assertThat(group.members()).extracting(Subscriber::clientId).containsExactly("c2");
        assertThat(group.next()).extracting(Subscriber::clientId).isEqualTo("c2");
        assertThat(group.toString()).contains("$share/g/a/+");
    }

    private void join(String... clients) {
        for (String c : clients) {
            assertThat(group.put(sub(c, "$share/g/a/+"))).isFalse();
        }
    }

    private List<String> picks(int n, Set<String> down) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Subscriber s = group.next(m -> !down.contains(m.clientId()));
            out.add(s == null ? "none" : s.clientId());
        }
        return out;
    }
}
