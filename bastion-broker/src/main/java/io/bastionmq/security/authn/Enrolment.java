package io.bastionmq.security.authn;

import io.bastionmq.security.audit.AuditLog;
import io.bastionmq.store.CredentialRecord;
import io.bastionmq.store.CredentialStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Adds, changes and removes users and devices (THREATS.md C2, C3, C10). Used by the CLI on a
 * stopped broker's data directory and, through {@code Broker.enrolment()}, by the running broker
 * (the admin endpoint): there, disabling or deleting a credential also cuts its live connections.
 *
 * <p>Wherever a password is set, its Argon2id hash and its SCRAM-SHA-256/-512 verifiers are stored
 * together ({@link PasswordHashes#withPassword}); an imported hash has no verifiers until its
 * first password login.
 */
public final class Enrolment {
    /** C3: 24 random bytes, 192 bits, base64url: one secret per device, generated here, shown once. */
    static final int DEVICE_SECRET_BYTES = 24;
    /** Draws of a generated password before a policy refusal is reported (one is almost always enough). */
    private static final int GENERATION_ATTEMPTS = 16;

    private final CredentialStore store;
    private final PasswordHashes hashes;
    private final PasswordPolicy policy;
    private final LiveConnections live;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final AuditLog audit;

    public Enrolment(CredentialStore store, PasswordHashes hashes, PasswordPolicy policy, LiveConnections live, Clock clock) {
        this(store, hashes, policy, live, clock, AuditLog.disabled());
    }

    /** With every change and every cut connection written to the security audit log (C25). */
    public Enrolment(CredentialStore store, PasswordHashes hashes, PasswordPolicy policy, LiveConnections live, Clock clock,
                     AuditLog audit) {
        this.audit = audit;
        this.store = store;
        this.hashes = hashes;
        this.policy = policy;
        this.live = live;
        this.clock = clock;
    }

    /** Thrown when a change is refused; the message says why (policy rule, unknown or existing name). */
    public static final class RefusedException extends RuntimeException {
        public RefusedException(String message) {
            super(message);
        }
    }

    public void addUser(String name, char[] password, Set<String> groups, boolean admin) {
        requireName(name);
        if (store.findCredential(name).isPresent()) {
            throw new RefusedException("'" + name + "' already exists");
        }
        checkPolicy(name, password);
        store.putCredential(hashes.withPassword(new CredentialRecord(name, false, "", groups, admin, false, clock.millis()), password));
        audit.credentialChanged(name, admin ? "user added (admin)" : "user added");
    }

    /** Enrols a device and returns its generated secret; only the hash is stored. */
    public String addDevice(String id, Set<String> groups) {
        requireName(id);
        if (store.findCredential(id).isPresent()) {
            throw new RefusedException("'" + id + "' already exists");
        }
        String encoded = generateSecret(DEVICE_SECRET_BYTES);
        store.putCredential(hashes.withPassword(new CredentialRecord(id, true, "", groups, false, false, clock.millis()),
                encoded.toCharArray()));
        audit.credentialChanged(id, "device enrolled");
        return encoded;
    }

    /**
     * Adds a user with a password generated like a device secret (192 random bits, base64url, or
     * more bytes when the policy's minimum length asks for it) and returns the password, which is
     * not kept. A generated secret passes the policy by construction (no list entry, long enough,
     * no JWT shape, zxcvbn score 4); the check still runs, and the rare secret that happens to
     * contain the user name is drawn again.
     */
    public String addUserWithGeneratedPassword(String name, Set<String> groups, boolean admin) {
        requireName(name);
        if (store.findCredential(name).isPresent()) {
            throw new RefusedException("'" + name + "' already exists");
        }
        int bytes = Math.max(DEVICE_SECRET_BYTES, (policy.minLength() * 6 + 7) / 8);
        String password = generateSecret(bytes);
        for (int attempt = 1; policy.problem(password, name, null) != null; attempt++) {
            if (attempt == GENERATION_ATTEMPTS) {
                checkPolicy(name, password.toCharArray()); // throws, naming the rule
            }
            password = generateSecret(bytes);
        }
        store.putCredential(hashes.withPassword(new CredentialRecord(name, false, "", groups, admin, false, clock.millis()),
                password.toCharArray()));
        audit.credentialChanged(name, admin ? "user added (admin) with a generated password" : "user added with a generated password");
        return password;
    }

    private String generateSecret(int bytes) {
        byte[] secret = new byte[bytes];
        random.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /**
     * Imports a user with an existing hash: Mosquitto 2.x {@code $7$} (PBKDF2-SHA512), bcrypt
     * ({@code $2a$}/{@code $2b$}/{@code $2y$}) or Argon2id PHC. The password policy cannot be
     * checked (the password is unknown); the hash is replaced by Argon2id at the next login.
     */
    public void importHash(String name, String encoded, Set<String> groups) {
        requireName(name);
        if (!(encoded.startsWith("$7$") || encoded.startsWith("$2a$") || encoded.startsWith("$2b$")
                || encoded.startsWith("$2y$") || encoded.startsWith("$argon2id$"))) {
            throw new RefusedException("'" + name + "': hash format not supported (Mosquitto $7$, bcrypt $2a$/$2b$/$2y$, $argon2id$)");
        }
        if (store.findCredential(name).isPresent()) {
            throw new RefusedException("'" + name + "' already exists");
        }
        store.putCredential(new CredentialRecord(name, false, encoded, groups, false, false, clock.millis()));
        audit.credentialChanged(name, "user imported with an existing hash");
    }

    public void setPassword(String name, char[] password) {
        CredentialRecord c = require(name);
        checkPolicy(name, password);
        store.putCredential(hashes.withPassword(c, password));
        audit.credentialChanged(name, "password changed");
        cut(name, "password changed"); // sessions opened with the old password end with it
    }

    /** Disables the credential and cuts its live connections; returns how many were cut. */
    public int disable(String name) {
        store.putCredential(require(name).withDisabled(true));
        audit.credentialChanged(name, "disabled");
        return cut(name, "credential disabled");
    }

    public void enable(String name) {
        store.putCredential(require(name).withDisabled(false));
        audit.credentialChanged(name, "enabled");
    }

    /** Deletes the credential and cuts its live connections; returns how many were cut. */
    public int delete(String name) {
        if (!store.deleteCredential(name)) {
            throw new RefusedException("no user or device named '" + name + "'");
        }
        audit.credentialChanged(name, "deleted");
        return cut(name, "credential deleted");
    }

    private int cut(String name, String why) {
        int n = live.cut(name);
        if (n > 0) {
            audit.revoked(null, name, why + ": " + n + " live connection(s) cut");
        }
        return n;
    }

    public List<CredentialRecord> list() {
        return store.loadCredentials();
    }

    private void checkPolicy(String name, char[] password) {
        @Nullable String problem = policy.problem(new String(password), name, null);
        if (problem != null) {
            throw new RefusedException(problem);
        }
    }

    private CredentialRecord require(String name) {
        return store.findCredential(name).orElseThrow(() -> new RefusedException("no user or device named '" + name + "'"));
    }

    private static void requireName(String name) {
        if (name.isEmpty() || name.length() > 256 || name.chars().anyMatch(ch -> ch < 0x20 || ch == '#' || ch == '+')) {
            throw new RefusedException("name must be 1..256 printable characters without '#' or '+'");
        }
    }
}
