package io.bastionmq.security.authz;

import io.bastionmq.security.Identity;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The broker's authorization service: holds the rule chain (configuration file rules, then the
 * rule store's per-user and per-group rules), hands each connection a {@link ClientAcl}, and bumps
 * a version whenever the rules change so that every client's cached decisions are dropped.
 */
public final class Authorizer {
    private final List<AclRule> configRules;
    private final boolean sysAdminOnly;
    private final int cacheSize;
    private final boolean disconnectOnDeniedPublish;
    private final AtomicLong version = new AtomicLong();
    private volatile RuleSet rules;

    /**
     * @param configRules  the {@code authorization.rules} of the configuration, in order
     * @param storeRules   rules from the rule store ({@link AclStore})
     * @param sysAdminOnly {@code $SYS} readable by administrators only, whatever the rules say
     * @param cacheSize    decisions cached per client
     * @param disconnectOnDeniedPublish close an MQTT 3.1.1 connection whose PUBLISH is denied
     */
    public Authorizer(List<AclRule> configRules, List<AclRule> storeRules, boolean sysAdminOnly, int cacheSize,
                      boolean disconnectOnDeniedPublish) {
        this.configRules = List.copyOf(configRules);
        this.sysAdminOnly = sysAdminOnly;
        this.cacheSize = cacheSize;
        this.disconnectOnDeniedPublish = disconnectOnDeniedPublish;
        this.rules = new RuleSet(this.configRules, storeRules);
    }

    /** A new, empty view for one connection; create it after authentication, keep it for the connection. */
    public ClientAcl forClient(Identity identity) {
        return new ClientAcl(this, identity, cacheSize);
    }

    /** Replaces the rule store's rules; every client re-evaluates on its next request. */
    public void replaceStoreRules(List<AclRule> storeRules) {
        rules = new RuleSet(configRules, storeRules);
        version.incrementAndGet();
    }

    public long version() {
        return version.get();
    }

    public int ruleCount() {
        return rules.size();
    }

    RuleSet rules() {
        return rules;
    }

    /** MQTT 3.1.1 cannot refuse a PUBLISH in its acknowledgement: close the connection (true) or drop the message. */
    public boolean disconnectOnDeniedPublish() {
        return disconnectOnDeniedPublish;
    }

    boolean sysAdminOnly() {
        return sysAdminOnly;
    }
}
