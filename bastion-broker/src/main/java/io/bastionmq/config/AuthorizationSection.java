package io.bastionmq.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.bastionmq.security.authz.AclRule;
import io.bastionmq.security.authz.AclRule.Action;
import io.bastionmq.security.authz.AclRule.Permission;
import io.bastionmq.security.authz.AclRule.Subject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code authorization:} and {@code audit:} sections. A rule is a mapping:
 * <pre>
 * - {permission: allow, action: publish, subject: "user dev1", topic: "devices/${username}/#", max_qos: 1, retain: false}
 * </pre>
 * {@code subject} is {@code all}, {@code anonymous}, {@code admins}, {@code user NAME} or {@code group NAME}.
 */
final class AuthorizationSection {
    private AuthorizationSection() {}

    static AuthorizationConfig parse(Section s) {
        if (!s.has("rules") && !s.has("disconnect_on_denied_publish") && !s.has("sys_admin_only") && !s.has("cache_size")) {
            return AuthorizationConfig.SECURE_DEFAULT; // no section: deny by default with the per-client rules
        }
        var d = AuthorizationConfig.SECURE_DEFAULT;
        List<AclRule> rules = s.has("rules") ? rules(s) : d.rules();
        boolean disconnect = s.bool("disconnect_on_denied_publish", d.disconnectOnDeniedPublish());
        boolean sysAdminOnly = s.bool("sys_admin_only", d.sysAdminOnly());
        int cacheSize = s.integer("cache_size", d.cacheSize());
        try {
            return new AuthorizationConfig(rules, disconnect, sysAdminOnly, cacheSize);
        } catch (ConfigException e) {
            throw e.under("authorization");
        }
    }

    private static List<AclRule> rules(Section s) {
        JsonNode list = s.raw("rules");
        if (list == null || !list.isArray()) {
            throw new ConfigException("authorization.rules", "expected a list of rules",
                    "write one rule per line: - {permission: allow, action: all, subject: all, topic: \"clients/${clientid}/#\"}");
        }
        List<AclRule> rules = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "authorization.rules[" + i + "]";
            Section r = new Section(at, list.get(i), ConfigLoader.RULE_KEYS);
            try {
                Permission permission = AclRule.parseWord(Permission.class, require(r, "permission", at));
                Action action = AclRule.parseWord(Action.class, r.string("action", "all"));
                String[] subject = r.string("subject", "all").strip().split("\\s+", 2);
                Subject kind = AclRule.parseWord(Subject.class, subject[0]);
                String name = subject.length > 1 ? subject[1] : "";
                Integer maxQos = r.has("max_qos") ? r.integer("max_qos", 2) : null;
                boolean retain = r.bool("retain", true);
                rules.add(new AclRule(permission, action, kind, name, require(r, "topic", at), maxQos, retain, "config " + at));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(at, e.getMessage(),
                        "see docs/configuration.md, authorization: permission allow|deny, action publish|subscribe|all,"
                                + " subject all|anonymous|admins|user NAME|group NAME, topic a filter");
            }
        }
        return rules;
    }

    private static String require(Section r, String key, String at) {
        String v = r.string(key, "");
        if (v.isBlank()) {
            throw new ConfigException(at + "." + key, "is missing", "every rule needs a " + key);
        }
        return v;
    }

    static AuditConfig audit(Section s, Path base) {
        var d = AuditConfig.DEFAULT;
        boolean enabled = s.bool("enabled", d.enabled());
        Path file = s.has("file") ? base.resolve(s.string("file", "")).normalize() : null;
        long maxFileSize = s.longInteger("max_file_size", d.maxFileSize());
        int maxFiles = s.integer("max_files", d.maxFiles());
        int queue = s.integer("queue_capacity", d.queueCapacity());
        try {
            return new AuditConfig(enabled, file, maxFileSize, maxFiles, queue);
        } catch (ConfigException e) {
            throw e.under("audit");
        }
    }
}
