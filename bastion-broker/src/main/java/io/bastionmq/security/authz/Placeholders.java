package io.bastionmq.security.authz;

import io.bastionmq.routing.InvalidTopicFilterException;
import io.bastionmq.routing.TopicFilter;
import io.bastionmq.security.Identity;
import org.jspecify.annotations.Nullable;

/**
 * Placeholders in rule filters: {@code ${username}}, {@code ${clientid}}, {@code ${cert.cn}}.
 *
 * <p>A placeholder whose value is absent, empty, starts with {@code $}, or contains {@code +},
 * {@code #}, {@code /} or NUL makes the rule not match at all. The value is chosen by the
 * client (the client id always, the user name often), and it is pasted into a filter: a client id
 * {@code #} would turn {@code clients/${clientid}/#} into {@code clients/#/#} (another client's
 * topics), {@code a/b} would reach a deeper level, and {@code $SYS} as a first level would step
 * into server topics. Refusing the rule rather than escaping the value means such a client gets
 * less access, never more.
 */
final class Placeholders {
    static final String USERNAME = "${username}";
    static final String CLIENT_ID = "${clientid}";
    static final String CERT_CN = "${cert.cn}";

    private Placeholders() {}

    /** The filter with its placeholders filled in for {@code who}, or null when the rule cannot apply to it. */
    static @Nullable String expand(String template, Identity who) {
        if (template.indexOf('$') < 0 || template.indexOf("${") < 0) {
            return template;
        }
        String out = template;
        out = replace(out, USERNAME, who.username());
        if (out == null) return null;
        out = replace(out, CLIENT_ID, who.clientId());
        if (out == null) return null;
        return replace(out, CERT_CN, who.certCommonName());
    }

    private static @Nullable String replace(String text, String placeholder, @Nullable String value) {
        if (!text.contains(placeholder)) {
            return text;
        }
        return safe(value) ? text.replace(placeholder, value) : null;
    }

    static boolean safe(@Nullable String value) {
        if (value == null || value.isEmpty() || value.charAt(0) == '$') {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '+' || c == '#' || c == '/' || c == '\0') {
                return false;
            }
        }
        return true;
    }

    /** Why {@code template} cannot be a rule's filter, or null if it can. */
    static @Nullable String templateProblem(String template) {
        String probe = template.replace(USERNAME, "u").replace(CLIENT_ID, "c").replace(CERT_CN, "n");
        if (probe.contains("${")) {
            return "unknown placeholder (known: " + USERNAME + ", " + CLIENT_ID + ", " + CERT_CN + ")";
        }
        try {
            TopicFilter f = TopicFilter.parse(probe);
            return f.isShared() ? "a rule names the topics, not a shared subscription: drop the $share/name/ prefix" : null;
        } catch (InvalidTopicFilterException e) {
            return e.getMessage();
        }
    }
}
