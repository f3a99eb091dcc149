package io.bastionmq.security.authz;

import io.bastionmq.security.Identity;
import io.bastionmq.security.authz.AclRule.Action;
import io.bastionmq.security.authz.AclRule.Permission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One client's view of the rules: the rules that apply to its identity, with placeholders filled
 * in, and a bounded cache of decisions. Rebuilt when the {@link Authorizer}'s rule version moves.
 * Methods are synchronized because retained delivery may run on a store thread; on the event
 * loop the lock is never contended.
 *
 * <p>Evaluation walks the rules in order (first match wins). For a request filter F (a topic name
 * is a filter without wildcards):
 * <ul>
 *   <li>a deny rule that overlaps F decides DENY: some topic of F is denied, and a subscription is
 *       all or nothing;
 *   <li>an allow rule that contains F decides ALLOW: every topic of F reaches this rule or an
 *       earlier one, and no earlier deny touched F;
 *   <li>an allow rule that only overlaps F is passed over (F is then at best partly allowed);
 *   <li>no decision: DENY by default.
 * </ul>
 * This never allows a topic that per-topic first-match evaluation would deny. It may refuse a
 * filter that a union of several allow rules would cover; the client can subscribe to the parts.
 */
public final class ClientAcl {
    private final Authorizer authorizer;
    private final Identity identity;
    private long version = -1;
    private List<Resolved> rules = List.of();
    /** One cache per action, keyed by the topic or filter itself: a lookup allocates nothing. */
    private final Map<String, Decision> publishCache;
    private final Map<String, Decision> subscribeCache;

    private record Resolved(AclRule rule, String[] levels) {}

    ClientAcl(Authorizer authorizer, Identity identity, int cacheSize) {
        this.authorizer = authorizer;
        this.identity = identity;
        this.publishCache = lru(cacheSize);
        this.subscribeCache = lru(cacheSize);
    }

    private static Map<String, Decision> lru(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Decision> eldest) {
                return size() > capacity;
            }
        };
    }

    public Identity identity() {
        return identity;
    }

    /** May this client publish to {@code topic} at {@code qos}, with {@code retain}? */
    public synchronized Decision publish(String topic, int qos, boolean retain) {
        Decision d = cached(publishCache, topic, Action.PUBLISH);
        if (!d.allowed() || d.rule() == null) {
            return d;
        }
        AclRule r = d.rule();
        if (r.maxQos() != null && qos > r.maxQos()) {
            return Decision.deny(r, "QoS " + qos + " is above the rule's max_qos " + r.maxQos());
        }
        if (retain && !r.retain()) {
            return Decision.deny(r, "the rule does not allow retained messages");
        }
        return d;
    }

    /** May this client subscribe to {@code filter} (the inner filter of a shared subscription)? */
    public synchronized Decision subscribe(String filter) {
        return cached(subscribeCache, filter, Action.SUBSCRIBE);
    }

    /** May this client receive a message on {@code topic} (retained delivery)? */
    public synchronized Decision canRead(String topic) {
        return cached(subscribeCache, topic, Action.SUBSCRIBE);
    }

    synchronized int cachedDecisions() {
        return publishCache.size() + subscribeCache.size();
    }

    private Decision cached(Map<String, Decision> cache, String filter, Action action) {
        long current = authorizer.version();
        if (current != version) {
            publishCache.clear();
            subscribeCache.clear();
            rules = resolve(authorizer.rules().applicableTo(identity));
            version = current;
        }
        Decision d = cache.get(filter);
        if (d == null) {
            d = decide(filter, action);
            cache.put(filter, d);
        }
        return d;
    }

    private List<Resolved> resolve(List<RuleSet.Compiled> applicable) {
        List<Resolved> out = new ArrayList<>(applicable.size());
        for (RuleSet.Compiled c : applicable) {
            if (c.levels().length > 0) {
                out.add(new Resolved(c.rule(), c.levels()));
            } else {
                String expanded = Placeholders.expand(c.rule().topic(), identity);
                if (expanded != null) {
                    out.add(new Resolved(c.rule(), FilterContainment.levels(expanded)));
                }
            }
        }
        return List.copyOf(out);
    }

    private Decision decide(String filter, Action action) {
        String[] f = FilterContainment.levels(filter);
        if (f[0].equals("$SYS") && authorizer.sysAdminOnly()) {
            return identity.admin() ? Decision.allow(null, "$SYS is readable by administrators")
                    : Decision.deny(null, "$SYS is readable by administrators only");
        }
        Identity.ClaimAcl claims = identity.claims();
        if (claims != null) {
            return decideByClaims(f, action, claims);
        }
        boolean partly = false;
        for (Resolved r : rules) {
            if (!r.rule().action().covers(action)) {
                continue;
            }
            if (r.rule().permission() == Permission.DENY) {
                if (FilterContainment.overlaps(r.levels(), f)) {
                    return Decision.deny(r.rule(), "a deny rule covers " + (wildcard(f) ? "part of " : "") + "it");
                }
            } else if (FilterContainment.contains(r.levels(), f)) {
                return Decision.allow(r.rule(), "an allow rule covers every topic it can match");
            } else if (FilterContainment.overlaps(r.levels(), f)) {
                partly = true;
            }
        }
        return Decision.deny(null, partly ? "only part of the topics it can match are allowed (deny by default)"
                : "no rule allows it (deny by default)");
    }

    /** A token's ACL is the client's whole allow list; deny rules of the other sources still apply. */
    private Decision decideByClaims(String[] f, Action action, Identity.ClaimAcl claims) {
        for (Resolved r : rules) {
            if (r.rule().permission() == Permission.DENY && r.rule().action().covers(action)
                    && FilterContainment.overlaps(r.levels(), f)) {
                return Decision.deny(r.rule(), "a deny rule covers " + (wildcard(f) ? "part of " : "") + "it");
            }
        }
        for (String template : action == Action.PUBLISH ? claims.publish() : claims.subscribe()) {
            String expanded = Placeholders.templateProblem(template) == null ? Placeholders.expand(template, identity) : null;
            if (expanded != null && FilterContainment.contains(FilterContainment.levels(expanded), f)) {
                return Decision.allow(null, "the token's ACL allows it (" + template + ")");
            }
        }
        return Decision.deny(null, "outside the token's ACL");
    }

    private static boolean wildcard(String[] f) {
        for (String level : f) {
            if (level.equals("+") || level.equals("#")) return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return "ClientAcl[" + identity.clientId() + ", " + rules.size() + " rules]";
    }
}
