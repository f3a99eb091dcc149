package io.bastionmq.connection;

import io.bastionmq.security.Identity;
import io.bastionmq.security.audit.DenialThrottle;
import io.bastionmq.security.authz.ClientAcl;
import io.bastionmq.security.authz.Decision;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/**
 * The flows' one door to authorization: the connection's {@link ClientAcl} (made from its
 * identity on first use, remade if re-authentication replaced the identity) and the audit record
 * of every denial.
 */
final class Authorization {
    private Authorization() {}

    static ClientAcl acl(ConnectionServices services, ConnectionState state) {
        Identity identity = state.identity;
        if (identity == null) {
            identity = Identity.anonymous(state.clientId, null);
            state.identity = identity;
        }
        ClientAcl acl = state.acl;
        if (acl == null || acl.identity() != identity) {
            acl = services.authorizer().forClient(identity);
            state.acl = acl;
        }
        return acl;
    }

    /**
     * Records a denial in the audit log: what was asked ({@code "subscribe a/#"}) and the decision;
     * past the connection's {@link DenialThrottle} budget only counted.
     */
    static void denied(ConnectionServices services, Channel channel, ConnectionState state, String request, Decision decision) {
        long skipped = state.auditedDenials.admit(services.clock().millis());
        if (skipped < 0) {
            return;
        }
        Identity who = state.identity;
        String more = skipped > 0 ? " (" + skipped + " more denials of this connection not logged)" : "";
        services.audit().authorizationDenied(state.clientId, who == null ? null : who.username(), remote(channel),
                services.listener().name(), request + ": " + decision.explain() + more);
    }

    static String remote(Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() + ":" + a.getPort() : String.valueOf(channel.remoteAddress());
    }
}
