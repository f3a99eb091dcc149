package io.bastionmq.security.authz;

import io.bastionmq.security.authz.AclRule.Action;
import io.bastionmq.security.authz.AclRule.Permission;
import io.bastionmq.security.authz.AclRule.Subject;
import java.util.List;

/** The secure default rule set, written out here so the authz tests do not depend on config. */
final class AclRuleFixtures {
    static final List<AclRule> DEFAULTS = List.of(
            AclRule.of(Permission.ALLOW, Action.ALL, Subject.ADMINS, "", "#", "default"),
            AclRule.of(Permission.ALLOW, Action.ALL, Subject.ALL, "", "clients/${clientid}/#", "default"),
            AclRule.of(Permission.ALLOW, Action.ALL, Subject.ALL, "", "devices/${username}/#", "default"));

    private AclRuleFixtures() {}
}
