package io.bastionmq.security.authz;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One authorization rule: allow or deny an action on the topics of a filter, for a subject.
 * The filter may hold placeholders ({@link Placeholders}).
 *
 * @param permission allow or deny
 * @param action     publish, subscribe, or both
 * @param subject    whom the rule applies to
 * @param subjectName the user or group name for {@link Subject#USER} and {@link Subject#GROUP}, else empty
 * @param topic      a topic filter, possibly with {@code ${username}}, {@code ${clientid}}, {@code ${cert.cn}}
 * @param maxQos     the highest QoS allowed through this rule (allow rules only), or null for any
 * @param retain     false forbids publishing retained messages through this rule
 * @param source     where the rule came from, for {@code bastion acl test}: {@code config rules[3]}, {@code store user dev1}
 */
public record AclRule(Permission permission, Action action, Subject subject, String subjectName, String topic,
                      @Nullable Integer maxQos, boolean retain, String source) {

    public enum Permission { ALLOW, DENY }

    public enum Action {
        PUBLISH, SUBSCRIBE, ALL;

        boolean covers(Action requested) {
            return this == ALL || this == requested;
        }
    }

    public enum Subject { ALL, USER, GROUP, ANONYMOUS, ADMINS }

    public AclRule {
        if ((subject == Subject.USER || subject == Subject.GROUP) == subjectName.isEmpty()) {
            throw new IllegalArgumentException(subject == Subject.USER || subject == Subject.GROUP
                    ? "a " + lower(subject) + " rule needs a name" : "only user and group rules take a name");
        }
        if (maxQos != null && (maxQos < 0 || maxQos > 2)) {
            throw new IllegalArgumentException("max_qos must be 0, 1 or 2, not " + maxQos);
        }
        if (permission == Permission.DENY && (maxQos != null || !retain)) {
            throw new IllegalArgumentException("max_qos and retain apply only to allow rules");
        }
        String problem = Placeholders.templateProblem(topic);
        if (problem != null) {
            throw new IllegalArgumentException("topic '" + topic + "': " + problem);
        }
    }

    /** An allow or deny rule without QoS or retain restriction. */
    public static AclRule of(Permission permission, Action action, Subject subject, String subjectName, String topic, String source) {
        return new AclRule(permission, action, subject, subjectName, topic, null, true, source);
    }

    /** The same rule with another source label. */
    public AclRule from(String newSource) {
        return new AclRule(permission, action, subject, subjectName, topic, maxQos, retain, newSource);
    }

    /** The rule as one line, in the words of the CLI: {@code allow user dev1 publish devices/dev1/# max_qos 1}. */
    public String text() {
        StringBuilder b = new StringBuilder(lower(permission)).append(' ').append(lower(subject));
        if (!subjectName.isEmpty()) {
            b.append(' ').append(subjectName);
        }
        b.append(' ').append(lower(action)).append(' ').append(topic);
        if (maxQos != null) {
            b.append(" max_qos ").append(maxQos);
        }
        if (!retain) {
            b.append(" retain false");
        }
        return b.toString();
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** Parses a constant of {@code type} written in lower case ({@code allow}, {@code pub} for publish, {@code sub}). */
    public static <E extends Enum<E>> E parseWord(Class<E> type, String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (type == Action.class) {
            w = switch (w) {
                case "pub" -> "publish";
                case "sub" -> "subscribe";
                default -> w;
            };
        }
        for (E e : type.getEnumConstants()) {
            if (lower(e).equals(w)) {
                return e;
            }
        }
        StringBuilder known = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            known.append(known.isEmpty() ? "" : ", ").append(lower(e));
        }
        throw new IllegalArgumentException("'" + word + "' is not one of " + known);
    }
}
