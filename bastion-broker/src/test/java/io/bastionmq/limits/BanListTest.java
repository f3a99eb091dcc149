package io.bastionmq.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.store.FsyncPolicy;
import io.bastionmq.store.memory.MemoryStore;
import io.bastionmq.store.rocksdb.RocksDbStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BanListTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private final MutableClock clock = new MutableClock(T0);

    private static Ban ban(BanKind kind, String value, Duration d) {
        return new Ban(kind, value, "test", T0, d == null ? Instant.MAX : T0.plus(d));
    }

    @Test
    void matchesClientIdUsernameAddressAndBlock() {
        BanList bans = new BanList(new MemoryStore(), clock);
        bans.add(ban(BanKind.CLIENT_ID, "bad-device", null));
        bans.add(ban(BanKind.USERNAME, "mallory", null));
        bans.add(ban(BanKind.ADDRESS, "192.0.2.7", null));
        bans.add(ban(BanKind.ADDRESS, "198.51.100.0/24", null));
        bans.add(ban(BanKind.ADDRESS, "2001:db8::/32", null));
        assertThat(bans.matchClient("bad-device", null)).isNotNull();
        assertThat(bans.matchClient("good-device", "mallory")).isNotNull();
        assertThat(bans.matchClient("good-device", "alice")).isNull();
        assertThat(bans.matchAddress(Cidr.literal("192.0.2.7"))).isNotNull();
        assertThat(bans.matchAddress(Cidr.literal("192.0.2.8"))).isNull();
        assertThat(bans.matchAddress(Cidr.literal("198.51.100.200"))).isNotNull();
        assertThat(bans.matchAddress(Cidr.literal("2001:db8:1::5"))).isNotNull();
        assertThat(bans.matchAddress(Cidr.literal("2001:db9::5"))).isNull();
    }

    @Test
    void expiredBansStopMatchingAndArePurged() {
        MemoryStore store = new MemoryStore();
        BanList bans = new BanList(store, clock);
        bans.add(ban(BanKind.CLIENT_ID, "flapper", Duration.ofMinutes(5)));
        assertThat(bans.matchClient("flapper", null)).isNotNull();
        clock.now = T0.plus(Duration.ofMinutes(5));
        assertThat(bans.matchClient("flapper", null)).isNull();
        assertThat(bans.purgeExpired()).isEqualTo(1);
        assertThat(store.loadBans()).isEmpty();
    }

    @Test
    void removeLiftsABanInMemoryAndInTheStore() {
        MemoryStore store = new MemoryStore();
        BanList bans = new BanList(store, clock);
        bans.add(ban(BanKind.ADDRESS, "10.0.0.0/8", null));
        assertThat(bans.remove(BanKind.ADDRESS, "10.9.9.9/8")).as("same block, other spelling").isTrue();
        assertThat(bans.matchAddress(Cidr.literal("10.1.1.1"))).isNull();
        assertThat(store.loadBans()).isEmpty();
        assertThat(bans.remove(BanKind.ADDRESS, "10.0.0.0/8")).isFalse();
    }

    @Test
    void listenersHearOfEveryAddedBan() {
        BanList bans = new BanList(new MemoryStore(), clock);
        List<Ban> heard = new ArrayList<>();
        bans.onAdded(heard::add);
        bans.add(ban(BanKind.CLIENT_ID, "x", null));
        assertThat(heard).extracting(Ban::value).containsExactly("x");
    }

    @Test
    void bansSurviveARestartOfTheRocksDbStore(@TempDir Path dir) {
        try (RocksDbStore store = RocksDbStore.open(dir, FsyncPolicy.ALWAYS, Duration.ofMillis(100))) {
            BanList bans = new BanList(store, clock);
            bans.add(ban(BanKind.CLIENT_ID, "bad-device", null));
            bans.add(ban(BanKind.ADDRESS, "2001:db8::/32", Duration.ofHours(1)));
            bans.add(ban(BanKind.USERNAME, "gone-soon", Duration.ofMinutes(1)));
        }
        clock.now = T0.plus(Duration.ofMinutes(2));
        try (RocksDbStore store = RocksDbStore.open(dir, FsyncPolicy.ALWAYS, Duration.ofMillis(100))) {
            BanList bans = new BanList(store, clock);
            assertThat(bans.all()).extracting(Ban::value).containsExactly("bad-device", "2001:db8:0:0:0:0:0:0/32");
            assertThat(bans.all().get(0).isPermanent()).isTrue();
            assertThat(store.loadBans()).as("the expired ban was deleted at load").hasSize(2);
        }
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
