package io.bastionmq.store;

import java.util.List;
import java.util.Optional;

/**
 * Users and devices (THREATS.md C1–C3). Writes are synchronous and durable when they return:
 * enrolment and revocation are rare and must survive a crash. Implementations are thread-safe.
 */
public interface CredentialStore {
    Optional<CredentialRecord> findCredential(String name);

    /** Adds or replaces the credential of this name. */
    void putCredential(CredentialRecord credential);

    /** Removes it; returns whether there was one. */
    boolean deleteCredential(String name);

    /** Every credential, by name. */
    List<CredentialRecord> loadCredentials();
}
