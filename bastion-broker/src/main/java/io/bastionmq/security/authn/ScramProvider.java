package io.bastionmq.security.authn;

import io.bastionmq.security.authn.scram.Nonces;
import io.bastionmq.security.authn.scram.ScramMechanism;
import io.bastionmq.security.authn.scram.ScramServer;
import io.bastionmq.security.authn.scram.StoredVerifiers;
import io.bastionmq.store.CredentialStore;

/**
 * {@code scram} in {@code authentication.providers}: enables MQTT 5 enhanced authentication with
 * SCRAM-SHA-256 and SCRAM-SHA-512 (MQTT5 4.12, RFC 7677). It takes no part in the user name and
 * password chain, which it passes; the connection layer runs its exchanges through
 * {@link Authenticator#enhanced}.
 */
final class ScramProvider implements AuthProvider {
    static final String NAME = "scram";

    private final StoredVerifiers verifiers;
    private final Nonces nonces = new Nonces();

    ScramProvider(CredentialStore store, byte[] secret, int iterations) {
        this.verifiers = new StoredVerifiers(store, secret, iterations);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AuthResult authenticate(AuthRequest request) {
        return AuthResult.PASS; // a CONNECT without an Authentication Method is not SCRAM's to decide
    }

    ScramServer newServer(ScramMechanism mechanism) {
        return new ScramServer(mechanism, verifiers, nonces);
    }
}
