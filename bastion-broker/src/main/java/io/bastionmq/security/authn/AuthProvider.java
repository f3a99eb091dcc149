package io.bastionmq.security.authn;

/**
 * One link of the authentication chain (THREATS.md C5). Called off the event loop: it may hash
 * a password or read the store. Never throws for bad credentials; it rejects.
 */
public interface AuthProvider {
    /** The name used in {@code authentication.providers}. */
    String name();

    AuthResult authenticate(AuthRequest request);
}
