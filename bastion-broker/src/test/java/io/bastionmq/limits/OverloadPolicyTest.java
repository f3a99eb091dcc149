package io.bastionmq.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.config.LimitsConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OverloadPolicyTest {
    private final OverloadPolicy policy = new OverloadPolicy(LimitsConfig.Overload.DEFAULT);

    @Test
    void belowTheHighMarkIsNormal() {
        assertThat(policy.update(0.84, 0.84)).isFalse();
    }

    @Test
    void heapOrDirectMemoryAtTheHighMarkIsOverload() {
        assertThat(policy.update(0.85, 0.10)).isTrue();
        OverloadPolicy other = new OverloadPolicy(LimitsConfig.Overload.DEFAULT);
        assertThat(other.update(0.10, 0.90)).isTrue();
    }

    @Test
    void staysOverloadedBetweenTheMarksAndRecoversBelowBothLowMarks() {
        policy.update(0.90, 0.10);
        assertThat(policy.update(0.80, 0.10)).as("between the marks: hysteresis").isTrue();
        assertThat(policy.update(0.69, 0.75)).as("direct memory still above its low mark").isTrue();
        assertThat(policy.update(0.69, 0.69)).isFalse();
        assertThat(policy.update(0.80, 0.80)).as("between the marks from below: still normal").isFalse();
    }

    @Test
    void disabledIsNeverOverloaded() {
        OverloadPolicy off = new OverloadPolicy(new LimitsConfig.Overload(false, 0.85, 0.7, 0.85, 0.7, Duration.ofMillis(250)));
        assertThat(off.update(0.99, 0.99)).isFalse();
    }
}
