package io.bastionmq.security.authn;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.security.Identity;
import io.bastionmq.store.memory.MemoryStore;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
    private static final HashParameters FAST = new HashParameters(1024, 1, 1);
    private final MemoryStore store = new MemoryStore();
    private final PasswordHashes hashes = new PasswordHashes(FAST);
    private final MutableClock clock = new MutableClock();
    private final LiveConnections live = new LiveConnections();
    private final Enrolment enrolment = new Enrolment(store, hashes, PasswordPolicy.DEFAULT, live, clock);
    private final Authenticator authenticator = new Authenticator(
            Authenticator.providers(List.of("password"), store, hashes, null), store,
            new BruteForceGuard(new BruteForceSettings(3, Duration.ofMinutes(1), Duration.ofMillis(100), Duration.ofSeconds(1)), clock),
            live, 1);
    private static final InetAddress ADDR = InetAddress.getLoopbackAddress();

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @AfterEach
    void close() {
        authenticator.close();
    }

    private Authenticator.Decision login(String user, String password) {
        return authenticator.authenticate(new AuthRequest("c", user, password.getBytes(StandardCharsets.UTF_8), ADDR, null, null), false).join();
    }

    @Test
    void acceptsTheRightPasswordWithGroupsAndAdminFlag() {
        enrolment.addUser("alice", "violet-tractor-harbour-57".toCharArray(), Set.of("ops"), true);
        Identity id = login("alice", "violet-tractor-harbour-57").identity();
        assertThat(id).isNotNull();
        assertThat(id.username()).isEqualTo("alice");
        assertThat(id.groups()).containsExactly("ops");
        assertThat(id.admin()).isTrue();
    }

    @Test
    void everyFailureIsTheSameRefusalWithAGrowingDelay() {
        enrolment.addUser("alice", "violet-tractor-harbour-57".toCharArray(), Set.of(), false);
        var wrong = login("alice", "nope");
        var unknown = login("nobody", "nope");
        assertThat(wrong.refusal()).isEqualTo(Authenticator.Refusal.BAD_CREDENTIALS);
        assertThat(unknown.refusal()).isEqualTo(Authenticator.Refusal.BAD_CREDENTIALS);
        assertThat(wrong.delayMillis()).isEqualTo(100);
        assertThat(unknown.delayMillis()).isEqualTo(200); // the address has failed twice now
    }

    @Test
    void lockoutRefusesTheRightPasswordUntilItExpires() {
        enrolment.addUser("alice", "violet-tractor-harbour-57".toCharArray(), Set.of(), false);
        for (int i = 0; i < 3; i++) {
            login("alice", "wrong-" + i);
        }
        assertThat(login("alice", "violet-tractor-harbour-57").refusal()).isEqualTo(Authenticator.Refusal.LOCKED_OUT);
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertThat(login("alice", "violet-tractor-harbour-57").identity()).isNotNull();
    }

    @Test
    void importedMosquittoHashIsRehashedToArgon2idOnSuccess() {
        String mosquitto = "$7$101$8XXhVoVQP4m4Pdm3$Q4zCMhpfARu5doIq7YERylvkEUCudlnltSHf6Uqo1vl1ud3HbJP5GPQWUZ1bXCLFJKamlMRmiaMYsXT/D47F3A==";
        store.putCredential(new io.bastionmq.store.CredentialRecord("sensor-7", true, mosquitto, Set.of(), false, false, 0));
        assertThat(login("sensor-7", "correct horse battery").identity()).isNotNull();
        assertThat(store.findCredential("sensor-7").orElseThrow().passwordHash()).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
        assertThat(login("sensor-7", "correct horse battery").identity()).isNotNull();
    }

    @Test
    void anonymousOnlyWithoutCredentialsAndOnlyWhereAllowed() {
        AuthRequest none = new AuthRequest("c", null, null, ADDR, null, null);
        assertThat(authenticator.authenticate(none, true).join().identity().isAnonymous()).isTrue();
        assertThat(authenticator.authenticate(none, false).join().refusal()).isEqualTo(Authenticator.Refusal.NOT_AUTHORIZED);
        AuthRequest userOnly = new AuthRequest("c", "someone", null, ADDR, null, null);
        assertThat(authenticator.authenticate(userOnly, true).join().refusal()).isEqualTo(Authenticator.Refusal.BAD_CREDENTIALS);
    }

    @Test
    void disablingOrDeletingCutsLiveConnections() {
        enrolment.addUser("alice", "violet-tractor-harbour-57".toCharArray(), Set.of(), false);
        AtomicInteger cut = new AtomicInteger();
        authenticator.registerLive("alice", cut::incrementAndGet);
        Runnable unregister = authenticator.registerLive("alice", cut::incrementAndGet);
        unregister.run();
        assertThat(enrolment.disable("alice")).isEqualTo(1);
        assertThat(cut).hasValue(1);
        assertThat(login("alice", "violet-tractor-harbour-57").refusal()).isEqualTo(Authenticator.Refusal.BAD_CREDENTIALS);
        authenticator.registerLive("alice", cut::incrementAndGet);
        assertThat(enrolment.delete("alice")).isEqualTo(1);
        assertThat(cut).hasValue(2);
    }
}
