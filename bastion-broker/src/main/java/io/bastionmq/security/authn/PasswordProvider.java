package io.bastionmq.security.authn;

import io.bastionmq.security.Identity;
import io.bastionmq.store.CredentialRecord;
import io.bastionmq.store.CredentialStore;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * User name and password against the credential store (Argon2id; imported Mosquitto PBKDF2 and
 * bcrypt hashes are verified and rehashed to Argon2id on success; a credential without SCRAM
 * verifiers gets them on success too).
 *
 * <p>No user enumeration (C4): an unknown or disabled user costs one Argon2id verification
 * against a dummy hash, exactly as a known user does, so the time to answer is the same.
 */
final class PasswordProvider implements AuthProvider {
    private final CredentialStore store;
    private final PasswordHashes hashes;
    private final String dummyHash;

    PasswordProvider(CredentialStore store, PasswordHashes hashes) {
        this.store = store;
        this.hashes = hashes;
        this.dummyHash = hashes.hash("bastion-dummy-password-for-timing".toCharArray());
    }

    @Override
    public String name() {
        return "password";
    }

    @Override
    public AuthResult authenticate(AuthRequest request) {
        String username = request.username();
        byte[] raw = request.password();
        if (username == null || raw == null) {
            return AuthResult.PASS;
        }
        if (JwtProvider.looksLikeJwt(raw)) {
            // A token, for the JWT provider; never a stored password (the policy refuses JWT-shaped ones).
            // Decided before the store is read, so known and unknown user names take the same time.
            return AuthResult.PASS;
        }
        Optional<CredentialRecord> found = store.findCredential(username);
        char[] password = decode(raw);
        try {
            if (found.isEmpty()) {
                PasswordHashes.verify(dummyHash, password); // same cost as a real check
                return AuthResult.PASS;
            }
            CredentialRecord c = found.get();
            boolean match = PasswordHashes.verify(c.passwordHash(), password);
            if (!match) {
                return new AuthResult.Reject("wrong password for '" + username + "'");
            }
            if (c.disabled()) {
                return new AuthResult.Reject("credential '" + username + "' is disabled");
            }
            if (hashes.needsRehash(c.passwordHash()) || hashes.needsScram(c)) {
                // Upgrade imported hashes, and give the credential SCRAM verifiers while the password is at hand.
                store.putCredential(hashes.withPassword(c, password));
            }
            return new AuthResult.Accept(new Identity(request.clientId(), username, c.groups(), c.admin(),
                    request.certCommonName(), null));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** The MQTT password field is binary data; a password that is not UTF-8 cannot match any stored one. */
    private static char[] decode(byte[] raw) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw));
            char[] out = new char[chars.remaining()];
            chars.get(out);
            return out;
        } catch (CharacterCodingException e) {
            return "\uFFFF invalid".toCharArray();
        }
    }
}
