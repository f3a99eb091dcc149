package io.bastionmq.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void startsFullAndAdmitsTheBurstThenRefuses() {
        TokenBucket b = new TokenBucket(10, 5, 0);
        for (int i = 0; i < 5; i++) {
            assertThat(b.tryTake(1, 0)).as("token %d", i).isTrue();
        }
        assertThat(b.tryTake(1, 0)).isFalse();
    }

    @Test
    void refillsAtTheRateAndNeverAboveCapacity() {
        TokenBucket b = new TokenBucket(10, 5, 0);
        for (int i = 0; i < 5; i++) b.tryTake(1, 0);
        assertThat(b.tryTake(1, SECOND / 20)).as("half a token after 50 ms").isFalse();
        assertThat(b.tryTake(1, SECOND / 10)).as("one token after 100 ms").isTrue();
        assertThat(b.tokens(100 * SECOND)).isEqualTo(5.0);
    }

    @Test
    void refusedTakeTakesNothing() {
        TokenBucket b = new TokenBucket(1, 3, 0);
        assertThat(b.tryTake(4, 0)).isFalse();
        assertThat(b.tryTake(3, 0)).isTrue();
    }

    @Test
    void chargeGoesIntoDebtAndSaysHowLongToWait() {
        TokenBucket b = new TokenBucket(100, 100, 0);
        assertThat(b.charge(100, 0)).isZero();
        long wait = b.charge(50, 0);
        assertThat(wait).as("50 tokens at 100/s").isEqualTo(SECOND / 2);
        assertThat(b.debtNanos(SECOND / 4)).isEqualTo(SECOND / 4);
        assertThat(b.debtNanos(SECOND / 2)).isZero();
        assertThat(b.isFull(SECOND / 2)).isFalse();
        assertThat(b.isFull(2 * SECOND)).isTrue();
    }

    @Test
    void clockGoingBackwardsAddsNothing() {
        TokenBucket b = new TokenBucket(10, 1, 5 * SECOND);
        assertThat(b.tryTake(1, 5 * SECOND)).isTrue();
        assertThat(b.tryTake(1, 0)).isFalse();
    }

    @Test
    void rejectsNonsenseParameters() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 0.5, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
