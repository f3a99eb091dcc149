package io.bastionmq.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bastionmq.security.audit.AuditLog;
import io.bastionmq.security.authz.AclRule;
import io.bastionmq.security.authz.AclRule.Action;
import io.bastionmq.security.authz.AclRule.Permission;
import io.bastionmq.security.authz.AclRule.Subject;
import io.bastionmq.security.authz.AclStore;
import io.bastionmq.security.authz.Authorizer;
import io.bastionmq.security.authz.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The running broker's per-user and per-group rules: {@code acl.add} and {@code acl.remove} (the
 * rule's words: permission, action, subject, name, topic, optional max_qos and retain),
 * {@code acl.list} (the configuration's rules, then the store's, in evaluation order) and
 * {@code acl.test} (an {@link AclQuery}; answers the {@link Decision#explain()} of the live rules).
 * A change is written to the rule file and handed to the {@link Authorizer} at once, which drops
 * every client's cached decisions, so it applies to the next request of a live connection; the
 * file watcher then finds nothing new.
 */
public final class AclAdmin implements AdminArea {
    private final AclStore store;
    private final Authorizer authorizer;
    private final List<AclRule> configRules;
    private final AuditLog audit;
    /** For {@code acl.test}: the tested user's stored groups and administrator flag, null if not stored. */
    private final Function<String, AclQuery.@Nullable Stored> credentials;

    /** {@code configRules}: the configuration's {@code authorization.rules}, listed before the store's. */
    public AclAdmin(AclStore store, Authorizer authorizer, List<AclRule> configRules, AuditLog audit,
                    Function<String, AclQuery.@Nullable Stored> credentials) {
        this.store = store;
        this.authorizer = authorizer;
        this.configRules = List.copyOf(configRules);
        this.audit = audit;
        this.credentials = credentials;
    }

    /** Every rule in evaluation order: the configuration's, then the store's; a request no rule decides is denied. */
    public static List<AclRule> inOrder(List<AclRule> configRules, List<AclRule> storeRules) {
        List<AclRule> all = new ArrayList<>(configRules);
        all.addAll(storeRules);
        return all;
    }

    @Override
    public Map<String, Function<Request, ObjectNode>> commands() {
        return Map.of("acl.add", this::add, "acl.remove", this::remove, "acl.list", r -> list(), "acl.test", this::test);
    }

    private ObjectNode add(Request request) {
        AclRule rule = rule(request);
        synchronized (store) { // the file and the live rules change together
            store.add(rule);
            authorizer.replaceStoreRules(store.load());
        }
        audit.aclChanged(subjectUser(rule), "added '" + rule.text() + "' by " + ACTOR);
        return AdminCommands.ok().put("rule", rule.text());
    }

    private ObjectNode remove(Request request) {
        AclRule rule = rule(request);
        int removed;
        synchronized (store) {
            removed = store.remove(rule.text());
            if (removed > 0) {
                authorizer.replaceStoreRules(store.load());
            }
        }
        if (removed > 0) {
            audit.aclChanged(subjectUser(rule), "removed '" + rule.text() + "' by " + ACTOR);
        }
        return AdminCommands.ok().put("rule", rule.text()).put("removed", removed);
    }

    private ObjectNode list() {
        ArrayNode rules = AdminCommands.JSON.createArrayNode();
        for (AclRule r : inOrder(configRules, store.load())) {
            rules.addObject().put("text", r.text()).put("source", r.source());
        }
        return AdminCommands.ok().set("rules", rules);
    }

    private ObjectNode test(Request request) {
        AclQuery query = AclQuery.from(request);
        Decision d = query.withStored(query.user() == null ? null : credentials.apply(query.user())).decide(authorizer);
        return AdminCommands.ok().put("allowed", d.allowed()).put("explain", d.explain());
    }

    private static AclRule rule(Request r) {
        Subject subject = AclRule.parseWord(Subject.class, r.text("subject"));
        return new AclRule(AclRule.parseWord(Permission.class, r.text("permission")), AclRule.parseWord(Action.class, r.text("action")),
                subject, r.text("name"), r.text("topic"), r.optionalInt("max_qos"), !r.flag("no_retain"), ACTOR);
    }

    /** The audit line's user: the rule's user, none for a group rule (as the CLI on a stopped broker writes it). */
    private static @Nullable String subjectUser(AclRule rule) {
        return rule.subject() == Subject.USER ? rule.subjectName() : null;
    }
}
