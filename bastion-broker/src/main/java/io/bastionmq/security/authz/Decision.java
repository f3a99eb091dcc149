package io.bastionmq.security.authz;

import org.jspecify.annotations.Nullable;

/**
 * The answer to one publish or subscribe request.
 *
 * @param allowed whether the request may go ahead
 * @param rule    the rule that decided, or null for a built-in decision (deny by default, {@code $SYS}, token ACL)
 * @param maxQos  for an allowed subscription: the highest QoS to grant (the rule's {@code max_qos}), or null
 * @param reason  one sentence for the audit log and {@code bastion acl test}
 */
public record Decision(boolean allowed, @Nullable AclRule rule, @Nullable Integer maxQos, String reason) {

    static Decision allow(@Nullable AclRule rule, String reason) {
        return new Decision(true, rule, rule == null ? null : rule.maxQos(), reason);
    }

    static Decision deny(@Nullable AclRule rule, String reason) {
        return new Decision(false, rule, null, reason);
    }

    /** What decided, as {@code bastion acl test} prints it. */
    public String explain() {
        String verdict = allowed ? "ALLOWED" : "DENIED";
        return rule == null ? verdict + ": " + reason
                : verdict + " by rule '" + rule.text() + "' (" + rule.source() + "): " + reason;
    }
}
