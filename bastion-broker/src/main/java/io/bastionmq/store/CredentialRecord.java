package io.bastionmq.store;

import java.util.Set;

/**
 * A stored credential: a user (a person or a service, enrolled with a chosen password) or a
 * device (enrolled with a broker-generated secret, THREATS.md C3). Only the hash is stored.
 *
 * @param name          user name or device id, the MQTT user name it logs in with
 * @param device        true for a device credential
 * @param passwordHash  Argon2id PHC string, or an imported Mosquitto {@code $7$} / bcrypt hash
 * @param groups        groups for ACL rules
 * @param admin         may read {@code $SYS} and manage the broker
 * @param disabled      a disabled credential never logs in
 * @param createdMillis creation time, epoch milliseconds
 */
public record CredentialRecord(String name, boolean device, String passwordHash, Set<String> groups, boolean admin,
                               boolean disabled, long createdMillis) {
    public CredentialRecord {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("credential name is empty");
        }
        groups = Set.copyOf(groups);
    }

    public CredentialRecord withPasswordHash(String hash) {
        return new CredentialRecord(name, device, hash, groups, admin, disabled, createdMillis);
    }

    public CredentialRecord withDisabled(boolean value) {
        return new CredentialRecord(name, device, passwordHash, groups, admin, value, createdMillis);
    }
}
