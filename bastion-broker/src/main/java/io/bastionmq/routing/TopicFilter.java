package io.bastionmq.routing;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A validated topic filter (MQTT5 4.7), parsed once when the SUBSCRIBE arrives so that the trie,
 * the ACL checks and the retained index never re-parse it. A shared subscription
 * {@code $share/{ShareName}/{filter}} (MQTT5 4.8.2) keeps its share name apart from the inner
 * filter: only the inner filter takes part in matching.
 */
public final class TopicFilter {
    static final String SHARE_PREFIX = "$share/";

    private final String text;
    private final String filter;
    private final @Nullable String shareName;
    private final String[] levels;
    private final boolean wildcard;

    private TopicFilter(String text, String filter, @Nullable String shareName, String[] levels, boolean wildcard) {
        this.text = text;
        this.filter = filter;
        this.shareName = shareName;
        this.levels = levels;
        this.wildcard = wildcard;
    }

    /** Parses and validates {@code text}; never returns an invalid filter. */
    public static TopicFilter parse(String text) {
        if (text.isEmpty()) {
            throw new InvalidTopicFilterException("MQTT-4.7.3-1", "topic filter is empty");
        }
        String shareName = null;
        String inner = text;
        if (text.startsWith(SHARE_PREFIX)) {
            int slash = text.indexOf('/', SHARE_PREFIX.length());
            // Cut at the first '/', so the share name cannot contain one (MQTT-4.8.2-2).
            shareName = text.substring(SHARE_PREFIX.length(), slash < 0 ? text.length() : slash);
            checkShareName(shareName);
            if (slash < 0) {
                throw new InvalidTopicFilterException("MQTT-4.8.2-2", "shared subscription '" + text + "' has no topic filter");
            }
            inner = text.substring(slash + 1);
            if (inner.isEmpty()) {
                throw new InvalidTopicFilterException("MQTT-4.7.3-1", "shared subscription '" + text + "' has an empty topic filter");
            }
        }
        List<String> levels = new ArrayList<>();
        boolean wildcard = false;
        int start = 0;
        while (true) {
            int end = inner.indexOf('/', start);
            String level = inner.substring(start, end < 0 ? inner.length() : end);
            wildcard |= checkLevel(inner, level, end < 0);
            levels.add(level);
            if (end < 0) {
                break;
            }
            start = end + 1;
        }
        return new TopicFilter(text, inner, shareName, levels.toArray(String[]::new), wildcard);
    }

    private static void checkShareName(String shareName) {
        if (shareName.isEmpty()) {
            throw new InvalidTopicFilterException("MQTT-4.8.2-1", "share name is empty");
        }
        if (shareName.indexOf('+') >= 0 || shareName.indexOf('#') >= 0) {
            throw new InvalidTopicFilterException("MQTT-4.8.2-2", "share name '" + shareName + "' contains a wildcard");
        }
    }

    /** Returns true if {@code level} is a wildcard level. */
    private static boolean checkLevel(String filter, String level, boolean last) {
        boolean wildcard = false;
        for (int i = 0; i < level.length(); i++) {
            char c = level.charAt(i);
            if (c == '#') {
                // MQTT-4.7.1-2: '#' stands alone in the last level.
                if (level.length() != 1 || !last) {
                    throw new InvalidTopicFilterException("MQTT-4.7.1-2", "'#' must be the whole last level in '" + filter + "'");
                }
                wildcard = true;
            } else if (c == '+') {
                // MQTT-4.7.1-3: '+' occupies a whole level.
                if (level.length() != 1) {
                    throw new InvalidTopicFilterException("MQTT-4.7.1-3", "'+' must be a whole level in '" + filter + "'");
                }
                wildcard = true;
            }
        }
        return wildcard;
    }

    /** The filter as the client sent it, including any {@code $share/name/} prefix. */
    public String text() {
        return text;
    }

    /** The filter that is matched against topics: {@link #text()} without the share prefix. */
    public String filter() {
        return filter;
    }

    public boolean isShared() {
        return shareName != null;
    }

    public @Nullable String shareName() {
        return shareName;
    }

    public boolean hasWildcard() {
        return wildcard;
    }

    /** How many levels {@link #filter()} has; at least one. */
    public int levels() {
        return levels.length;
    }

    /** Level {@code index} of {@link #filter()}: text, {@code "+"} or {@code "#"}. */
    public String level(int index) {
        return levels[index];
    }

    /**
     * True if a message published to {@code topic} matches this filter (MQTT5 4.7). This is the
     * reference matcher: simple rather than fast, for ACLs and for checking the trie in tests.
     */
    public boolean matches(String topic) {
        // MQTT-4.7.2-1: a topic starting with '$' is not matched by a leading wildcard.
        if (!topic.isEmpty() && topic.charAt(0) == '$') {
            String first = levels[0];
            if (first.equals("+") || first.equals("#")) {
                return false;
            }
        }
        int start = 0;
        for (String level : levels) {
            if (level.equals("#")) {
                return true; // the remaining levels, or none: "sport/#" matches "sport" too (MQTT5 4.7.1.2)
            }
            if (start > topic.length()) {
                return false; // the topic ran out of levels first
            }
            int end = topic.indexOf('/', start);
            if (end < 0) {
                end = topic.length();
            }
            boolean same = level.length() == end - start && topic.startsWith(level, start);
            if (!same && !level.equals("+")) {
                return false;
            }
            start = end + 1;
        }
        return start > topic.length();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopicFilter other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
