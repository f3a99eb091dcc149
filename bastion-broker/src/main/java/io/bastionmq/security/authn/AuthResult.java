package io.bastionmq.security.authn;

import io.bastionmq.security.Identity;

/** What one provider of the chain says about a CONNECT. */
public sealed interface AuthResult {
    /** The credentials are proven: this is who the client is. */
    record Accept(Identity identity) implements AuthResult {}

    /** The credentials are wrong; the chain stops. {@code why} is for the log only, never the client. */
    record Reject(String why) implements AuthResult {}

    /** Not this provider's kind of credential; the next provider decides. */
    record Pass() implements AuthResult {}

    AuthResult PASS = new Pass();
}
