package io.bastionmq.routing;

import static io.bastionmq.routing.Subscriptions.sub;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriberSetTest {
    private final SubscriberSet set = new SubscriberSet();

    @Test
    void stripesGrowWithTheCrowdAndShrinkWhenItLeaves() {
        int n = SubscriberSet.STRIPE_TARGET * 64;
        for (int i = 0; i < n; i++) {
            assertThat(set.put(sub("c" + i, "a"))).isFalse();
        }
        assertThat(set.stripeCount()).isGreaterThanOrEqualTo(32);
        assertThat(set.put(sub("c7", "a"))).isTrue();
        assertThat(ids()).hasSize(n).doesNotHaveDuplicates();

        for (int i = 0; i < n - 1; i++) {
            assertThat(set.remove("c" + i)).isTrue();
        }
        assertThat(set.remove("c0")).isFalse();
        assertThat(set.stripeCount()).isEqualTo(1);
        assertThat(ids()).containsExactly("c" + (n - 1));
        assertThat(set.remove("c" + (n - 1))).isTrue();
        assertThat(set.isEmpty()).isTrue();
    }

    private List<String> ids() {
        List<String> out = new ArrayList<>();
        set.forEach(s -> out.add(s.clientId()));
        return out;
    }
}
