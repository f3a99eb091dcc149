package io.bastionmq.config;

import io.bastionmq.security.authz.AclRule;
import io.bastionmq.security.authz.AclRule.Action;
import io.bastionmq.security.authz.AclRule.Permission;
import io.bastionmq.security.authz.AclRule.Subject;
import java.util.List;

/**
 * The {@code authorization:} section (THREATS.md C6). Rules are evaluated in order, first match
 * wins, then the rule store's rules, then DENY.
 *
 * @param rules                      the configuration file's rules, in order
 * @param disconnectOnDeniedPublish  close an MQTT 3.1.1 connection whose PUBLISH is denied (3.1.1
 *                                   acknowledgements cannot say no) instead of dropping the message
 * @param sysAdminOnly               {@code $SYS/#} readable by administrators only, whatever the rules say
 * @param cacheSize                  decisions cached per client
 */
public record AuthorizationConfig(List<AclRule> rules, boolean disconnectOnDeniedPublish, boolean sysAdminOnly, int cacheSize) {
    public static final int CACHE_SIZE_DEFAULT = 1_024;
    public static final int CACHE_SIZE_MINIMUM = 1;
    public static final int CACHE_SIZE_MAXIMUM = 1_000_000;

    /**
     * What a broker gets without an {@code authorization} section: administrators may do
     * everything; every client may publish and subscribe under {@code clients/${clientid}/#} and
     * {@code devices/${username}/#}; nothing else.
     */
    public static final AuthorizationConfig SECURE_DEFAULT = new AuthorizationConfig(List.of(
            AclRule.of(Permission.ALLOW, Action.ALL, Subject.ADMINS, "", "#", "default rules[0]"),
            AclRule.of(Permission.ALLOW, Action.ALL, Subject.ALL, "", "clients/${clientid}/#", "default rules[1]"),
            AclRule.of(Permission.ALLOW, Action.ALL, Subject.ALL, "", "devices/${username}/#", "default rules[2]")),
            false, true, CACHE_SIZE_DEFAULT);

    /** The development profile ({@code bastion start --dev}): everything allowed, {@code $SYS} included. Loopback only. */
    public static final AuthorizationConfig ALLOW_ALL = new AuthorizationConfig(List.of(
            AclRule.of(Permission.ALLOW, Action.ALL, Subject.ALL, "", "#", "dev rules[0]"),
            AclRule.of(Permission.ALLOW, Action.SUBSCRIBE, Subject.ALL, "", "$SYS/#", "dev rules[1]")),
            false, false, CACHE_SIZE_DEFAULT);

    public AuthorizationConfig {
        Bounds.present("rules", rules);
        rules = List.copyOf(rules);
        Bounds.check("cache_size", cacheSize, CACHE_SIZE_MINIMUM, CACHE_SIZE_MAXIMUM);
    }
}
