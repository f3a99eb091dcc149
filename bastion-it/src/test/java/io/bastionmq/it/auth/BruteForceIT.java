package io.bastionmq.it.auth;

import static io.bastionmq.it.auth.AuthClients.pahoV3;
import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.config.AuthenticationConfig;
import io.bastionmq.it.support.TestBroker;
import io.bastionmq.security.authn.BruteForceSettings;
import io.bastionmq.security.authn.HashParameters;
import io.bastionmq.security.authn.PasswordPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** THREATS.md C4: back-off and lockout per source address and per user, no user enumeration. */
class BruteForceIT {
    private static final String PW = "violet-tractor-harbour-57";

    private static TestBroker broker(int maxFailures, Duration lockout, Duration baseDelay) {
        AuthenticationConfig auth = new AuthenticationConfig(List.of("password"), new HashParameters(1024, 1, 1), PasswordPolicy.DEFAULT,
                new BruteForceSettings(maxFailures, lockout, baseDelay, Duration.ofSeconds(2)), null, 2);
        return TestBroker.builder().anonymous(false).authentication(auth).user("alice", PW).user("carol", "quiet-lantern-orbit-93").start();
    }

    @Test
    @DisplayName("After N failures from one address, even the right password is refused until the lockout passes")
    void lockoutRefusesTheRightPasswordUntilItExpires() throws Exception {
        try (TestBroker broker = broker(3, Duration.ofSeconds(2), Duration.ZERO)) {
            for (int i = 0; i < 3; i++) {
                assertThat(pahoV3(broker, "bf" + i, "mallory-" + i, "guess-" + i + "-guess-guess")).isEqualTo(4);
            }
            // The locked-out address lands in the ban list (THREATS.md C17): even the right password of
            // another user from it is refused, as banned (3.1.1 return code 0x05), until the lockout ends.
            assertThat(broker.broker().limits().bans().all())
                    .anySatisfy(b -> assertThat(b.reason()).contains("brute force"));
            assertThat(pahoV3(broker, "bf-right", "alice", PW)).isEqualTo(5);
            Thread.sleep(2_300);
            assertThat(pahoV3(broker, "bf-after", "alice", PW)).isZero();
        }
    }

    @Test
    void failuresAreAnsweredAfterAGrowingDelay() throws Exception {
        try (TestBroker broker = broker(100, Duration.ofSeconds(1), Duration.ofMillis(200))) {
            long first = timed(() -> pahoV3(broker, "d1", "alice", "wrong-wrong-wrong-1"));
            long second = timed(() -> pahoV3(broker, "d2", "alice", "wrong-wrong-wrong-2"));
            long third = timed(() -> pahoV3(broker, "d3", "alice", "wrong-wrong-wrong-3"));
            assertThat(first).isGreaterThanOrEqualTo(190);
            assertThat(second).isGreaterThanOrEqualTo(390);
            assertThat(third).isGreaterThanOrEqualTo(790);
        }
    }

    @Test
    @DisplayName("An unknown user costs the same time as a known user with a wrong password (no enumeration)")
    void unknownAndKnownUsersTakeTheSameTime() throws Exception {
        try (TestBroker broker = TestBroker.builder().anonymous(false).user("alice", PW).start()) {
            // Warm up, then compare medians of a few attempts each.
            for (int i = 0; i < 5; i++) {
                pahoV3(broker, "w" + i, "alice", "wrong-wrong-wrong");
            }
            long known = median(() -> pahoV3(broker, "k", "alice", "wrong-wrong-wrong"));
            long unknown = median(() -> pahoV3(broker, "u", "nobody-here", "wrong-wrong-wrong"));
            assertThat(Math.abs(known - unknown)).as("known %d ms, unknown %d ms", known, unknown).isLessThan(40);
        }
    }

    private interface Attempt {
        int run() throws Exception;
    }

    private static long timed(Attempt a) throws Exception {
        long t0 = System.nanoTime();
        assertThat(a.run()).isEqualTo(4);
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static long median(Attempt a) throws Exception {
        long[] t = new long[7];
        for (int i = 0; i < t.length; i++) {
            t[i] = timed(a);
        }
        java.util.Arrays.sort(t);
        return t[t.length / 2];
    }
}
