package io.bastionmq.store;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A stored credential: a user (a person or a service, enrolled with a chosen password) or a
 * device (enrolled with a broker-generated secret, THREATS.md C3). Only the hash is stored, and
 * the SCRAM verifiers derived from the same password.
 *
 * @param name          user name or device id, the MQTT user name it logs in with
 * @param device        true for a device credential
 * @param passwordHash  Argon2id PHC string, or an imported Mosquitto {@code $7$} / bcrypt hash
 * @param groups        groups for ACL rules
 * @param admin         may read {@code $SYS} and manage the broker
 * @param disabled      a disabled credential never logs in
 * @param createdMillis creation time, epoch milliseconds
 * @param scramSha256   the SCRAM-SHA-256 verifier, null until the password is known to the broker
 *                      (an imported hash gets one at its first password login)
 * @param scramSha512   the SCRAM-SHA-512 verifier, likewise
 */
public record CredentialRecord(String name, boolean device, String passwordHash, Set<String> groups, boolean admin,
                               boolean disabled, long createdMillis, @Nullable ScramKeys scramSha256,
                               @Nullable ScramKeys scramSha512) {
    public CredentialRecord {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("credential name is empty");
        }
        groups = Set.copyOf(groups);
    }

    /** A credential without SCRAM verifiers. */
    public CredentialRecord(String name, boolean device, String passwordHash, Set<String> groups, boolean admin,
                            boolean disabled, long createdMillis) {
        this(name, device, passwordHash, groups, admin, disabled, createdMillis, null, null);
    }

    /** A new password hash; the SCRAM verifiers of the old password are dropped, as they no longer match. */
    public CredentialRecord withPasswordHash(String hash) {
        return new CredentialRecord(name, device, hash, groups, admin, disabled, createdMillis, null, null);
    }

    /** A new password: its hash and the SCRAM verifiers derived from the same password. */
    public CredentialRecord withPassword(String hash, @Nullable ScramKeys sha256, @Nullable ScramKeys sha512) {
        return new CredentialRecord(name, device, hash, groups, admin, disabled, createdMillis, sha256, sha512);
    }

    public CredentialRecord withDisabled(boolean value) {
        return new CredentialRecord(name, device, passwordHash, groups, admin, value, createdMillis, scramSha256, scramSha512);
    }
}
