package io.bastionmq.routing;

import org.jspecify.annotations.Nullable;

/**
 * Checks the Topic Name of a PUBLISH (MQTT5 4.7.3). It reports a reason instead of throwing,
 * because an invalid name is an ordinary client error that the connection layer answers with
 * TOPIC_NAME_INVALID, not an exceptional state.
 */
public final class TopicName {
    /** The longest UTF-8 encoded string MQTT can carry (MQTT5 1.5.4). */
    public static final int MAX_UTF8_BYTES = 65_535;

    private TopicName() {}

    /**
     * Returns why {@code topic} may not be published to, or null if it may. U+0000 and ill-formed
     * UTF-8 are rejected earlier by the codec.
     *
     * @param maxLevels the most levels ("/"-separated parts) a topic may have; the limit bounds
     *     the depth of the subscription trie and of every match
     */
    public static @Nullable String problem(String topic, int maxLevels) {
        if (topic.isEmpty()) {
            return "topic name is empty [MQTT-4.7.3-1]";
        }
        int levels = 1;
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c == '+' || c == '#') {
                return "topic name contains wildcard '" + c + "' [MQTT-3.3.2-2]";
            }
            if (c == '/' && ++levels > maxLevels) {
                return "topic name has more than " + maxLevels + " levels";
            }
        }
        if (exceedsUtf8Limit(topic)) {
            return "topic name is longer than " + MAX_UTF8_BYTES + " UTF-8 bytes [MQTT-4.7.3-3]";
        }
        return null;
    }

    public static boolean isValid(String topic, int maxLevels) {
        return problem(topic, maxLevels) == null;
    }

    /** Measures the encoded length without encoding: the check runs for every PUBLISH. */
    static boolean exceedsUtf8Limit(String s) {
        int n = s.length();
        if (n <= MAX_UTF8_BYTES / 3) {
            return false; // a UTF-16 unit never takes more than 3 bytes
        }
        if (n > MAX_UTF8_BYTES) {
            return true; // nor less than 1
        }
        int bytes = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes > MAX_UTF8_BYTES;
    }
}
