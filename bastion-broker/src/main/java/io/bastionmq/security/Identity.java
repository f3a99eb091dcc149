package io.bastionmq.security;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The authenticated identity of a connection, fixed at CONNECT (and replaced on MQTT 5
 * re-authentication). Authorization decides on it alone.
 *
 * @param clientId the client identifier in use (assigned or sent)
 * @param username the authenticated user or device name; null for anonymous clients
 * @param groups the groups the user belongs to (ACL rules may name a group)
 * @param admin administrators may read {@code $SYS} and manage the broker
 * @param certCommonName the CN of the verified client certificate, or null
 * @param claims the ACL carried by a JWT, or null when the credential was not a JWT
 * @param validUntilMillis when the credential stops being valid (a JWT's {@code exp} plus the
 *        allowed skew): the connection is cut then; {@link #NO_EXPIRY} for credentials that do not
 *        expire by themselves (passwords; a certificate's expiry is watched by the TLS stage)
 */
public record Identity(
        String clientId,
        @Nullable String username,
        Set<String> groups,
        boolean admin,
        @Nullable String certCommonName,
        @Nullable ClaimAcl claims,
        long validUntilMillis) {
    public static final long NO_EXPIRY = Long.MAX_VALUE;

    public Identity {
        groups = Set.copyOf(groups);
    }

    /** An identity whose credential does not expire by itself. */
    public Identity(String clientId, @Nullable String username, Set<String> groups, boolean admin,
                    @Nullable String certCommonName, @Nullable ClaimAcl claims) {
        this(clientId, username, groups, admin, certCommonName, claims, NO_EXPIRY);
    }

    public boolean expires() {
        return validUntilMillis != NO_EXPIRY;
    }

    public static Identity anonymous(String clientId, @Nullable String certCommonName) {
        return new Identity(clientId, null, Set.of(), false, certCommonName, null);
    }

    public boolean isAnonymous() {
        return username == null;
    }

    /** Topic filters a JWT allows for publishing and subscribing (EMQX-style "acl" claim). */
    public record ClaimAcl(List<String> publish, List<String> subscribe) {
        public ClaimAcl {
            publish = List.copyOf(publish);
            subscribe = List.copyOf(subscribe);
        }
    }
}
