package io.bastionmq.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DenialThrottleTest {
    @Test
    void logsABurstPerWindowAndReportsWhatItLeftOut() {
        DenialThrottle t = new DenialThrottle();
        for (int i = 0; i < DenialThrottle.BURST; i++) {
            assertThat(t.admit(1_000)).isZero();
        }
        assertThat(t.admit(1_500)).isEqualTo(-1);
        assertThat(t.admit(2_000)).isEqualTo(-1);
        assertThat(t.admit(1_000 + DenialThrottle.WINDOW_MILLIS)).as("next window, two left out").isEqualTo(2);
        assertThat(t.admit(1_000 + DenialThrottle.WINDOW_MILLIS)).isZero();
    }
}
