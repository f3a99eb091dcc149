package io.bastionmq.security.authn.scram;

import io.bastionmq.store.CredentialRecord;
import io.bastionmq.store.ScramKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The server side of one SCRAM exchange (RFC 5802 §3, §5): client-first → server-first,
 * client-final → server-final. One instance per exchange; not thread-safe (the caller runs the
 * steps one after the other).
 *
 * <p>No user enumeration (RFC 5802 §9, THREATS.md C4): a user name that has no verifier (unknown,
 * or an imported hash never used with a password login yet) gets a deterministic fake salt and
 * keys from {@link Verifiers}, so the server-first message looks like a real one, and the
 * exchange fails at the proof exactly as for a wrong password, after the same computation.
 */
public final class ScramServer {
    /**
     * Where the verifiers come from.
     *
     * <p>{@link #find} returns the stored verifier with its credential, or a fake verifier with a
     * null credential; it never returns null.
     */
    @FunctionalInterface
    public interface Verifiers {
        Verifier find(ScramMechanism mechanism, String user);
    }

    /** @param credential null when {@code keys} are fake: such an exchange can only fail */
    public record Verifier(ScramKeys keys, @Nullable CredentialRecord credential) {}

    /**
     * The end of an exchange.
     *
     * @param user        the user name the client gave (n=)
     * @param proven      the client proved it knows the password of {@code credential}
     * @param credential  the stored credential, null for an unknown user
     * @param serverFinal "v=&lt;ServerSignature&gt;" when proven, else "e=invalid-proof"
     */
    public record Outcome(String user, boolean proven, @Nullable CredentialRecord credential, String serverFinal) {}

    private final ScramMechanism mechanism;
    private final ScramAlgorithms algorithms;
    private final Verifiers verifiers;
    private final Supplier<String> serverNonces;
    private ScramMessages.@Nullable ClientFirst first;
    private @Nullable Verifier verifier;
    private @Nullable String serverFirst;
    private boolean finished;

    /** @param serverNonces the server's part of the nonce, printable without ',' (see {@link Nonces}) */
    public ScramServer(ScramMechanism mechanism, Verifiers verifiers, Supplier<String> serverNonces) {
        this(mechanism, mechanism.algorithms(), verifiers, serverNonces);
    }

    /** With other algorithms than the mechanism's: lets the tests replay RFC 5802's SCRAM-SHA-1 example. */
    ScramServer(ScramMechanism mechanism, ScramAlgorithms algorithms, Verifiers verifiers, Supplier<String> serverNonces) {
        this.mechanism = mechanism;
        this.algorithms = algorithms;
        this.verifiers = verifiers;
        this.serverNonces = serverNonces;
    }

    public ScramMechanism mechanism() {
        return mechanism;
    }

    /** The user name of the client-first-message, once it was read. */
    public @Nullable String user() {
        return first == null ? null : first.user();
    }

    /** Reads the client-first-message and returns the server-first-message (RFC 5802 §5.1: r, s, i). */
    public byte[] clientFirst(byte[] message) throws ScramException {
        if (first != null) {
            throw new IllegalStateException("client-first-message already received");
        }
        ScramMessages.ClientFirst parsed = ScramMessages.clientFirst(message);
        Verifier found = verifiers.find(mechanism, parsed.user());
        ScramKeys keys = found.keys();
        String reply = "r=" + parsed.nonce() + serverNonces.get() + ",s=" + Base64.getEncoder().encodeToString(keys.salt())
                + ",i=" + keys.iterations();
        first = parsed;
        verifier = found;
        serverFirst = reply;
        return reply.getBytes(StandardCharsets.UTF_8);
    }

    /** Checks the client-final-message; a wrong proof is an {@link Outcome}, malformed input an exception. */
    public Outcome clientFinal(byte[] message) throws ScramException {
        ScramMessages.ClientFirst f = first;
        Verifier v = verifier;
        String sf = serverFirst;
        if (f == null || v == null || sf == null || finished) {
            throw new IllegalStateException("client-final-message out of order");
        }
        finished = true;
        ScramMessages.ClientFinal parsed = ScramMessages.clientFinal(message);
        // RFC 5802 §7: c= is base64 of the gs2 header (no cbind-data with "n" or "y").
        if (!Arrays.equals(parsed.channelBinding(), f.gs2Header().getBytes(StandardCharsets.US_ASCII))) {
            throw new ScramException(ScramException.CHANNEL_BINDINGS_DONT_MATCH,
                    "SCRAM channel binding (c=) is not the gs2 header of the client-first-message");
        }
        // RFC 5802 §5.1: the nonce must be the client's and the server's, unchanged.
        if (!sf.startsWith("r=" + parsed.nonce() + ",s=")) {
            throw new ScramException(ScramException.OTHER_ERROR, "SCRAM nonce (r=) of the client-final-message does not match");
        }
        ScramAlgorithms a = algorithms;
        ScramKeys keys = v.keys();
        byte[] authMessage = (f.bare() + "," + sf + "," + parsed.withoutProof()).getBytes(StandardCharsets.UTF_8);
        byte[] clientSignature = ScramCrypto.hmac(a, keys.storedKey(), authMessage);
        byte[] proof = parsed.proof();
        // RFC 5802 §3: ClientKey = ClientProof XOR ClientSignature; StoredKey must equal H(ClientKey).
        byte[] clientKey = ScramCrypto.xor(proof.length == clientSignature.length ? proof : new byte[clientSignature.length],
                clientSignature);
        boolean matches = MessageDigest.isEqual(ScramCrypto.hash(a, clientKey), keys.storedKey())
                && proof.length == clientSignature.length;
        byte[] serverSignature = ScramCrypto.hmac(a, keys.serverKey(), authMessage);
        boolean proven = matches && v.credential() != null;
        String serverFinal = proven ? "v=" + Base64.getEncoder().encodeToString(serverSignature) : "e=invalid-proof";
        return new Outcome(f.user(), proven, v.credential(), serverFinal);
    }
}
