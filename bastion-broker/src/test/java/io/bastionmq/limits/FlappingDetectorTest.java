package io.bastionmq.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.config.LimitsConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FlappingDetectorTest {
    private static final LimitsConfig.Flapping CONFIG =
            new LimitsConfig.Flapping(true, 3, Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ofHours(1));

    @Test
    void connectsUpToTheLimitAreFineTheNextOneFlaps() {
        FlappingDetector f = new FlappingDetector(CONFIG);
        assertThat(f.onConnect("dev", 0)).isNull();
        assertThat(f.onConnect("dev", 1000)).isNull();
        assertThat(f.onConnect("dev", 2000)).isNull();
        assertThat(f.onConnect("dev", 3000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void connectsOutsideTheWindowDoNotCount() {
        FlappingDetector f = new FlappingDetector(CONFIG);
        for (int i = 0; i < 10; i++) {
            assertThat(f.onConnect("dev", i * 30_000L)).as("connect %d, 30 s apart", i).isNull();
        }
    }

    @Test
    void keysAreCountedApart() {
        FlappingDetector f = new FlappingDetector(CONFIG);
        for (int i = 0; i < 3; i++) {
            assertThat(f.onConnect("a", i)).isNull();
            assertThat(f.onConnect("b", i)).isNull();
        }
    }

    @Test
    void repeatedOffencesDoubleTheBanUpToTheMaximum() {
        FlappingDetector f = new FlappingDetector(CONFIG);
        long t = 0;
        Duration[] expected = {Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(20),
            Duration.ofMinutes(40), Duration.ofHours(1), Duration.ofHours(1)};
        for (Duration ban : expected) {
            Duration got = null;
            for (int i = 0; i < 4; i++) {
                got = f.onConnect("dev", t++);
            }
            assertThat(got).isEqualTo(ban);
            t += 61_000; // the next burst comes after the window
        }
    }

    @Test
    void anOffenceLongAgoIsForgiven() {
        FlappingDetector f = new FlappingDetector(CONFIG);
        for (int i = 0; i < 4; i++) f.onConnect("dev", i);
        long later = Duration.ofHours(3).toMillis();
        Duration ban = null;
        for (int i = 0; i < 4; i++) ban = f.onConnect("dev", later + i);
        assertThat(ban).as("two max bans later, escalation starts over").isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void pruneForgetsQuietKeysButRemembersRecentOffenders() {
        FlappingDetector f = new FlappingDetector(CONFIG);
        f.onConnect("quiet", 0);
        for (int i = 0; i < 4; i++) f.onConnect("offender", i);
        f.prune(120_000);
        assertThat(f.trackedKeys()).isEqualTo(1);
        f.prune(Duration.ofHours(3).toMillis());
        assertThat(f.trackedKeys()).isZero();
    }

    @Test
    void disabledNeverFlaps() {
        FlappingDetector f = new FlappingDetector(new LimitsConfig.Flapping(false, 2, Duration.ofSeconds(60),
                Duration.ofMinutes(5), Duration.ofHours(1)));
        for (int i = 0; i < 100; i++) {
            assertThat(f.onConnect("dev", i)).isNull();
        }
    }
}
