package io.bastionmq.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bastionmq.security.Identity;
import io.bastionmq.security.authz.AclRule;
import io.bastionmq.security.authz.AclRule.Action;
import io.bastionmq.security.authz.Authorizer;
import io.bastionmq.security.authz.Decision;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One question of {@code bastion acl test}: may this client publish or subscribe here? Asked of
 * the rules of a stopped broker's files by the CLI, or of the running broker's {@link Authorizer}
 * through {@code acl.test}; both answer with {@link #decide}, so both explain the same way.
 *
 * @param user     the user name, or null for an anonymous client
 * @param topic    a topic (publish) or a topic filter (subscribe: the inner filter of a shared
 *                 subscription, checked by the caller, as the connection layer checks it first)
 * @param action   publish or subscribe
 * @param clientId the client id; null means the user name (or "anonymous")
 * @param groups   the user's groups
 * @param certCn   the client certificate's CN, or null
 * @param admin    whether the user is an administrator
 * @param qos      QoS of the PUBLISH
 * @param retain   whether the PUBLISH is retained
 */
public record AclQuery(@Nullable String user, String topic, Action action, @Nullable String clientId, List<String> groups,
                       @Nullable String certCn, boolean admin, int qos, boolean retain) {
    public AclQuery {
        if (action == Action.ALL) {
            throw new IllegalArgumentException("test one action: pub or sub");
        }
        groups = List.copyOf(groups);
    }

    /** What the credential store holds of a user that changes its rights. */
    public record Stored(Set<String> groups, boolean admin) {}

    /**
     * This question with the stored groups and administrator flag of the user added, so that
     * {@code acl test alice ...} answers as alice's own connection would be answered; the groups
     * given on the command line are kept (to ask "what if she were also in ...").
     */
    public AclQuery withStored(@Nullable Stored stored) {
        if (stored == null) {
            return this;
        }
        Set<String> all = new java.util.LinkedHashSet<>(groups);
        all.addAll(new java.util.TreeSet<>(stored.groups()));
        return new AclQuery(user, topic, action, clientId, List.copyOf(all), certCn, admin || stored.admin(), qos, retain);
    }

    /** What the rules of {@code authorizer} decide, for a connection of this identity made now. */
    public Decision decide(Authorizer authorizer) {
        String id = clientId != null ? clientId : user != null ? user : "anonymous";
        var acl = authorizer.forClient(new Identity(id, user, Set.copyOf(groups), admin, certCn, null));
        return switch (action) {
            case PUBLISH -> acl.publish(topic, qos, retain);
            case SUBSCRIBE -> acl.subscribe(topic);
            case ALL -> throw new IllegalStateException("refused by the constructor");
        };
    }

    /** The fields of an {@code acl.test} request, added to {@code request}. */
    public ObjectNode into(ObjectNode request) {
        request.put("user", user).put("topic", topic).put("action", action == Action.PUBLISH ? "pub" : "sub")
                .put("client_id", clientId).put("cert_cn", certCn).put("admin", admin).put("qos", qos).put("retain", retain);
        var g = request.putArray("groups");
        groups.forEach(g::add);
        return request;
    }

    static AclQuery from(Request r) {
        Integer qos = r.optionalInt("qos");
        return new AclQuery(r.optionalText("user"), r.text("topic"), AclRule.parseWord(Action.class, r.text("action")),
                r.optionalText("client_id"), r.texts("groups"), r.optionalText("cert_cn"), r.flag("admin"),
                qos == null ? 0 : qos, r.flag("retain"));
    }
}
