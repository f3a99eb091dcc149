package io.bastionmq.security.authn.scram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bastionmq.store.CredentialRecord;
import io.bastionmq.store.ScramKeys;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

class ScramServerTest {
    private static final CredentialRecord USER = new CredentialRecord("user", false, "$argon2id$unused", Set.of(), false, false, 0);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static ScramServer.Verifiers only(ScramKeys keys, CredentialRecord credential) {
        return (mechanism, user) -> user.equals(credential.name()) ? new ScramServer.Verifier(keys, credential)
                : new ScramServer.Verifier(keys, null);
    }

    @Test
    void rfc7677ExampleForScramSha256() throws Exception {
        // RFC 7677 §3: user "user", password "pencil".
        ScramKeys keys = ScramCrypto.keys(ScramMechanism.SHA_256.algorithms(), "pencil".toCharArray(),
                Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
        ScramServer server = new ScramServer(ScramMechanism.SHA_256, only(keys, USER), () -> "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");
        assertThat(s(server.clientFirst(b("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"))))
                .isEqualTo("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
        ScramServer.Outcome outcome = server.clientFinal(b("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="));
        assertThat(outcome.proven()).isTrue();
        assertThat(outcome.user()).isEqualTo("user");
        assertThat(outcome.serverFinal()).isEqualTo("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
    }

    @Test
    void rfc5802ExampleRunsThroughTheSameStateMachineWithSha1() throws Exception {
        // RFC 5802 §5: the same exchange with SCRAM-SHA-1, to check the generic steps against a second published vector.
        ScramAlgorithms sha1 = new ScramAlgorithms("SHA-1", "HmacSHA1", "PBKDF2WithHmacSHA1", 20);
        ScramKeys keys = ScramCrypto.keys(sha1, "pencil".toCharArray(), Base64.getDecoder().decode("QSXCR+Q6sek8bf92"), 4096);
        ScramServer server = new ScramServer(ScramMechanism.SHA_256, sha1, only(keys, USER), () -> "3rfcNHYJY1ZVvWVs7j");
        assertThat(s(server.clientFirst(b("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL"))))
                .isEqualTo("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096");
        ScramServer.Outcome outcome = server.clientFinal(b("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,"
                + "p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts="));
        assertThat(outcome.proven()).isTrue();
        assertThat(outcome.serverFinal()).isEqualTo("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=");
    }

    @Test
    void scramSha512AgreesWithAnIndependentBouncyCastleClient() throws Exception {
        byte[] salt = b("0123456789abcdef");
        ScramKeys keys = ScramCrypto.keys(ScramMechanism.SHA_512.algorithms(), "pencil".toCharArray(), salt, 4096);
        ScramServer server = new ScramServer(ScramMechanism.SHA_512, only(keys, USER), new Nonces());
        String clientFirstBare = "n=user,r=clientnonce512";
        String serverFirst = s(server.clientFirst(b("n,," + clientFirstBare)));
        assertThat(serverFirst).startsWith("r=clientnonce512").contains(",s=" + Base64.getEncoder().encodeToString(salt) + ",i=4096");
        String nonce = serverFirst.substring(2, serverFirst.indexOf(','));
        assertThat(nonce.length() - "clientnonce512".length()).as("server nonce: 18 bytes base64").isEqualTo(24);

        // The client side, written with Bouncy Castle's PBKDF2 and HMAC, not the JCA code under test.
        PKCS5S2ParametersGenerator pbkdf2 = new PKCS5S2ParametersGenerator(new SHA512Digest());
        pbkdf2.init(b("pencil"), salt, 4096);
        byte[] salted = ((KeyParameter) pbkdf2.generateDerivedParameters(512)).getKey();
        byte[] clientKey = bcHmac(new SHA512Digest(), salted, b("Client Key"));
        SHA512Digest sha = new SHA512Digest();
        byte[] storedKey = new byte[64];
        sha.update(clientKey, 0, 64);
        sha.doFinal(storedKey, 0);
        String withoutProof = "c=biws,r=" + nonce;
        byte[] authMessage = b(clientFirstBare + "," + serverFirst + "," + withoutProof);
        byte[] signature = bcHmac(new SHA512Digest(), storedKey, authMessage);
        byte[] proof = new byte[64];
        for (int i = 0; i < 64; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        ScramServer.Outcome outcome = server.clientFinal(b(withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)));
        assertThat(outcome.proven()).isTrue();
        byte[] expectedServerSignature = bcHmac(new SHA512Digest(), bcHmac(new SHA512Digest(), salted, b("Server Key")), authMessage);
        assertThat(outcome.serverFinal()).isEqualTo("v=" + Base64.getEncoder().encodeToString(expectedServerSignature));
    }

    private static byte[] bcHmac(Digest digest, byte[] key, byte[] data) {
        HMac mac = new HMac(digest);
        mac.init(new KeyParameter(key));
        mac.update(data, 0, data.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }

    @Test
    void wrongProofIsAnOutcomeNotAnError() throws Exception {
        ScramKeys keys = ScramCrypto.keys(ScramMechanism.SHA_256.algorithms(), "pencil".toCharArray(), b("saltsaltsaltsalt"), 4096);
        ScramServer server = new ScramServer(ScramMechanism.SHA_256, only(keys, USER), () -> "SERVER");
        server.clientFirst(b("n,,n=user,r=abc"));
        ScramServer.Outcome outcome = server.clientFinal(b("c=biws,r=abcSERVER,p=" + Base64.getEncoder().encodeToString(new byte[32])));
        assertThat(outcome.proven()).isFalse();
        assertThat(outcome.serverFinal()).isEqualTo("e=invalid-proof");
    }

    @Test
    void unknownUserGetsADeterministicFakeSaltAndFailsAtTheProof() throws Exception {
        io.bastionmq.store.memory.MemoryStore store = new io.bastionmq.store.memory.MemoryStore();
        StoredVerifiers verifiers = new StoredVerifiers(store, b("0123456789abcdef0123456789abcdef"), 4096);
        String first = s(new ScramServer(ScramMechanism.SHA_256, verifiers, () -> "S").clientFirst(b("n,,n=ghost,r=x")));
        ScramServer again = new ScramServer(ScramMechanism.SHA_256, verifiers, () -> "S");
        assertThat(s(again.clientFirst(b("n,,n=ghost,r=x")))).isEqualTo(first).matches("r=xS,s=[A-Za-z0-9+/]{22}==,i=4096");
        ScramServer.Outcome outcome = again.clientFinal(b("c=biws,r=xS,p=" + Base64.getEncoder().encodeToString(new byte[32])));
        assertThat(outcome.proven()).isFalse();
        assertThat(outcome.credential()).isNull();
        assertThat(outcome.serverFinal()).isEqualTo("e=invalid-proof");
        // Another secret, another salt: an attacker cannot precompute them.
        StoredVerifiers other = new StoredVerifiers(store, b("fedcba9876543210fedcba9876543210"), 4096);
        assertThat(s(new ScramServer(ScramMechanism.SHA_256, other, () -> "S").clientFirst(b("n,,n=ghost,r=x")))).isNotEqualTo(first);
    }

    @Test
    void rightPasswordOfAUserWithoutVerifierIsStillRefused() throws Exception {
        ScramKeys keys = ScramCrypto.keys(ScramMechanism.SHA_256.algorithms(), "pencil".toCharArray(),
                Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
        ScramServer server = new ScramServer(ScramMechanism.SHA_256, (m, u) -> new ScramServer.Verifier(keys, null),
                () -> "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");
        server.clientFirst(b("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"));
        ScramServer.Outcome outcome = server.clientFinal(b("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="));
        assertThat(outcome.proven()).isFalse();
        assertThat(outcome.serverFinal()).isEqualTo("e=invalid-proof");
    }

    @Test
    void acceptsYFlagAsNoChannelBindingAndChecksTheBindingAttribute() throws Exception {
        ScramKeys keys = ScramCrypto.keys(ScramMechanism.SHA_256.algorithms(), "pencil".toCharArray(), b("saltsaltsaltsalt"), 4096);
        ScramServer server = new ScramServer(ScramMechanism.SHA_256, only(keys, USER), () -> "S");
        server.clientFirst(b("y,,n=user,r=abc"));
        // c= must be base64("y,,") = "eSws", not "biws" (RFC 5802 §7).
        assertThatThrownBy(() -> server.clientFinal(b("c=biws,r=abcS,p=AAAA")))
                .isInstanceOf(ScramException.class).extracting(e -> ((ScramException) e).error())
                .isEqualTo(ScramException.CHANNEL_BINDINGS_DONT_MATCH);
    }

    @Test
    void refusesMalformedClientFirstMessagesWithTheRfcError() {
        assertError("p=tls-unique,,n=user,r=abc", ScramException.CHANNEL_BINDING_NOT_SUPPORTED);
        assertError("n,a=admin,n=user,r=abc", ScramException.OTHER_ERROR);
        assertError("x,,n=user,r=abc", ScramException.INVALID_ENCODING);
        assertError("n,,m=ext,n=user,r=abc", ScramException.EXTENSIONS_NOT_SUPPORTED);
        assertError("n,,r=abc,n=user", ScramException.INVALID_ENCODING);
        assertError("n,,n=user,r=", ScramException.INVALID_ENCODING);
        assertError("n,,n=user,r=a b", ScramException.INVALID_ENCODING);
        assertError("n,,n=us=er,r=abc", ScramException.INVALID_USERNAME_ENCODING);
        assertError("", ScramException.INVALID_ENCODING);
        assertThatThrownBy(() -> server().clientFirst(new byte[] {'n', ',', ',', (byte) 0xC3, 0x28}))
                .isInstanceOf(ScramException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void decodesEscapedUserNames() throws Exception {
        ScramServer server = server();
        server.clientFirst(b("n,,n=a=2Cb=3Dc,r=abc"));
        assertThat(server.user()).isEqualTo("a,b=c");
    }

    @Test
    void refusesAChangedNonceAndABrokenProof() throws Exception {
        ScramServer changed = server();
        changed.clientFirst(b("n,,n=user,r=abc"));
        assertThatThrownBy(() -> changed.clientFinal(b("c=biws,r=abcX,p=AAAA")))
                .isInstanceOf(ScramException.class).hasMessageContaining("nonce");
        ScramServer broken = server();
        broken.clientFirst(b("n,,n=user,r=abc"));
        assertThatThrownBy(() -> broken.clientFinal(b("c=biws,r=abcS,p=not*base64")))
                .isInstanceOf(ScramException.class).extracting(e -> ((ScramException) e).serverFinal()).isEqualTo("e=invalid-encoding");
    }

    private static ScramServer server() {
        ScramKeys keys = new ScramKeys(b("saltsaltsaltsalt"), 4096, new byte[32], new byte[32]);
        return new ScramServer(ScramMechanism.SHA_256, only(keys, USER), () -> "S");
    }

    private static void assertError(String clientFirst, String error) {
        assertThatThrownBy(() -> server().clientFirst(b(clientFirst))).as(clientFirst)
                .isInstanceOf(ScramException.class).extracting(e -> ((ScramException) e).error()).isEqualTo(error);
    }
}
