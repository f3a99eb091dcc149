package io.bastionmq.security.authn;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.security.authn.scram.ScramCrypto;
import io.bastionmq.security.authn.scram.ScramMechanism;
import io.bastionmq.store.CredentialRecord;
import io.bastionmq.store.ScramKeys;
import io.bastionmq.store.memory.MemoryStore;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SCRAM verifiers at enrolment and at password login, and the exchange's decisions (THREATS.md C4). */
class ScramAuthenticationTest {
    private static final HashParameters FAST = new HashParameters(1024, 1, 1, 4096);
    private static final String PW = "violet-tractor-harbour-57";
    private static final InetAddress ADDR = InetAddress.getLoopbackAddress();
    private final MemoryStore store = new MemoryStore();
    private final PasswordHashes hashes = new PasswordHashes(FAST);
    private final AuthenticatorTest.MutableClock clock = new AuthenticatorTest.MutableClock();
    private final LiveConnections live = new LiveConnections();
    private final Enrolment enrolment = new Enrolment(store, hashes, PasswordPolicy.DEFAULT, live, clock);
    private final Authenticator authenticator = new Authenticator(
            Authenticator.providers(List.of("password", "scram"), store, hashes, null, new byte[32]), store,
            new BruteForceGuard(new BruteForceSettings(3, Duration.ofMinutes(1), Duration.ofMillis(100), Duration.ofSeconds(1)), clock),
            live, 1);

    @AfterEach
    void close() {
        authenticator.close();
    }

    @Test
    void enrolmentStoresVerifiersOfThePasswordForBothHashes() {
        enrolment.addUser("alice", PW.toCharArray(), Set.of(), false);
        CredentialRecord c = store.findCredential("alice").orElseThrow();
        assertMatches(c.scramSha256(), ScramMechanism.SHA_256, PW);
        assertMatches(c.scramSha512(), ScramMechanism.SHA_512, PW);
        assertThat(c.scramSha256().salt()).isNotEqualTo(c.scramSha512().salt());

        enrolment.setPassword("alice", "quiet-lantern-orbit-93".toCharArray());
        assertMatches(store.findCredential("alice").orElseThrow().scramSha256(), ScramMechanism.SHA_256, "quiet-lantern-orbit-93");
        String secret = enrolment.addDevice("sensor-1", Set.of());
        assertMatches(store.findCredential("sensor-1").orElseThrow().scramSha512(), ScramMechanism.SHA_512, secret);
    }

    @Test
    void anImportedHashGetsVerifiersAtItsFirstPasswordLogin() {
        store.putCredential(new CredentialRecord("bob", false, hashes.hash(PW.toCharArray()), Set.of(), false, false, 0));
        assertThat(scram("bob", PW, ScramMechanism.SHA_256).decision().refusal()).isEqualTo(Authenticator.Refusal.BAD_CREDENTIALS);
        assertThat(authenticator.authenticate(new AuthRequest("c", "bob", PW.getBytes(StandardCharsets.UTF_8), ADDR, null, null), false)
                .join().identity()).isNotNull();
        assertMatches(store.findCredential("bob").orElseThrow().scramSha256(), ScramMechanism.SHA_256, PW);
        assertThat(scram("bob", PW, ScramMechanism.SHA_256).decision().identity()).isNotNull();
    }

    @Test
    void rightPasswordIsAcceptedWithTheServerSignature() {
        enrolment.addUser("alice", PW.toCharArray(), Set.of("ops"), true);
        for (ScramMechanism m : ScramMechanism.values()) {
            EnhancedExchange.Finished f = scram("alice", PW, m);
            assertThat(f.decision().identity().username()).isEqualTo("alice");
            assertThat(f.decision().identity().groups()).containsExactly("ops");
            assertThat(f.decision().why()).isEqualTo(m.saslName().toLowerCase(java.util.Locale.ROOT));
            assertThat(new String(f.data(), StandardCharsets.UTF_8)).startsWith("v=");
        }
    }

    @Test
    void wrongPasswordUnknownUserAndDisabledUserFailAlikeWithTheBackOff() {
        enrolment.addUser("alice", PW.toCharArray(), Set.of(), false);
        enrolment.addUser("carol", PW.toCharArray(), Set.of(), false);
        enrolment.disable("carol");
        EnhancedExchange.Finished wrong = scram("alice", "wrong-wrong-wrong", ScramMechanism.SHA_256);
        EnhancedExchange.Finished unknown = scram("nobody", PW, ScramMechanism.SHA_256);
        EnhancedExchange.Finished disabled = scram("carol", PW, ScramMechanism.SHA_256);
        for (EnhancedExchange.Finished f : List.of(wrong, unknown, disabled)) {
            assertThat(f.decision().refusal()).isEqualTo(Authenticator.Refusal.BAD_CREDENTIALS);
            assertThat(new String(f.data(), StandardCharsets.UTF_8)).isEqualTo("e=invalid-proof");
            assertThat(f.clientReason()).isNull();
        }
        // One address, three failures: 100, 200, 400 ms (BruteForceGuard doubles per failure in a row).
        assertThat(List.of(wrong, unknown, disabled)).extracting(f -> f.decision().delayMillis()).containsExactly(100L, 200L, 400L);
        assertThat(unknown.decision().why()).contains("no SCRAM verifier");
        assertThat(disabled.decision().why()).contains("disabled");
    }

    @Test
    void aLockedOutUserIsRefusedEvenWithTheRightPassword() {
        enrolment.addUser("alice", PW.toCharArray(), Set.of(), false);
        for (int i = 0; i < 3; i++) {
            scram("alice", "wrong-wrong-wrong", ScramMechanism.SHA_512);
        }
        assertThat(scram("alice", PW, ScramMechanism.SHA_512).decision().refusal()).isEqualTo(Authenticator.Refusal.LOCKED_OUT);
    }

    @Test
    void theUserNameMustBeTheOneRequired() {
        enrolment.addUser("alice", PW.toCharArray(), Set.of(), false);
        EnhancedExchange exchange = authenticator.enhanced("SCRAM-SHA-256", request(), "bob");
        EnhancedExchange.Step step = exchange.receive("n,,n=alice,r=abc".getBytes(StandardCharsets.UTF_8)).join();
        assertThat(step).isInstanceOfSatisfying(EnhancedExchange.Finished.class, f -> {
            assertThat(f.decision().refusal()).isEqualTo(Authenticator.Refusal.BAD_CREDENTIALS);
            assertThat(f.clientReason()).contains("differs");
        });
    }

    @Test
    void offersOnlyTheScramMethodsAndOnlyWhenConfigured() {
        assertThat(authenticator.offersMethod("SCRAM-SHA-256")).isTrue();
        assertThat(authenticator.offersMethod("SCRAM-SHA-512")).isTrue();
        assertThat(authenticator.offersMethod("SCRAM-SHA-1")).isFalse();
        assertThat(authenticator.offersMethod("scram-sha-256")).isFalse();
        try (Authenticator passwordOnly = new Authenticator(Authenticator.providers(List.of("password"), store, hashes, null), store,
                new BruteForceGuard(BruteForceSettings.DEFAULT, clock), live, 1)) {
            assertThat(passwordOnly.offersMethod("SCRAM-SHA-256")).isFalse();
        }
    }

    private static AuthRequest request() {
        return new AuthRequest("c", null, null, ADDR, null, null);
    }

    /** A complete exchange with a client written here from RFC 5802 §3. */
    private EnhancedExchange.Finished scram(String user, String password, ScramMechanism m) {
        EnhancedExchange exchange = authenticator.enhanced(m.saslName(), request(), null);
        String bare = "n=" + user + ",r=clientnonce";
        EnhancedExchange.Step first = exchange.receive(("n,," + bare).getBytes(StandardCharsets.UTF_8)).join();
        String serverFirst = new String(((EnhancedExchange.Challenge) first).data(), StandardCharsets.UTF_8);
        String[] attrs = serverFirst.split(",");
        byte[] salt = Base64.getDecoder().decode(attrs[1].substring(2));
        int iterations = Integer.parseInt(attrs[2].substring(2));
        ScramKeys keys = ScramCrypto.keys(m.algorithms(), password.toCharArray(), salt, iterations);
        String withoutProof = "c=biws," + attrs[0];
        byte[] authMessage = (bare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] clientSignature = ScramCrypto.hmac(m.algorithms(), keys.storedKey(), authMessage);
        // ClientKey is not in ScramKeys; recover it as the client would: HMAC(SaltedPassword, "Client Key").
        byte[] clientKey = clientKey(m, password, salt, iterations);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
        }
        String clientFinal = withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
        return (EnhancedExchange.Finished) exchange.receive(clientFinal.getBytes(StandardCharsets.UTF_8)).join();
    }

    private static byte[] clientKey(ScramMechanism m, String password, byte[] salt, int iterations) {
        try {
            javax.crypto.SecretKeyFactory f = javax.crypto.SecretKeyFactory.getInstance(m.algorithms().pbkdf2());
            byte[] salted = f.generateSecret(new javax.crypto.spec.PBEKeySpec(password.toCharArray(), salt, iterations,
                    m.algorithms().length() * 8)).getEncoded();
            return ScramCrypto.hmac(m.algorithms(), salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertMatches(ScramKeys keys, ScramMechanism m, String password) {
        assertThat(keys).isNotNull();
        assertThat(keys.iterations()).isEqualTo(4096);
        assertThat(ScramCrypto.keys(m.algorithms(), password.toCharArray(), keys.salt(), keys.iterations())).isEqualTo(keys);
    }
}
