package io.bastionmq.connection;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Topic alias mappings of one connection, one direction (MQTT5 3.3.2.3.4). Aliases are scoped to
 * the network connection: they start empty on every connection (MQTT-3.3.2-7). Allocated lazily,
 * since most connections never use aliases.
 */
final class TopicAliases {
    private @Nullable Map<Integer, String> byAlias;
    private @Nullable Map<String, Integer> byTopic;

    @Nullable String topicFor(int alias) {
        return byAlias == null ? null : byAlias.get(alias);
    }

    @Nullable Integer aliasFor(String topic) {
        return byTopic == null ? null : byTopic.get(topic);
    }

    int size() {
        return byAlias == null ? 0 : byAlias.size();
    }

    void set(int alias, String topic) {
        if (byAlias == null) {
            byAlias = new HashMap<>();
            byTopic = new HashMap<>();
        }
        String previous = byAlias.put(alias, topic);
        if (previous != null) {
            byTopic.remove(previous);
        }
        byTopic.put(topic, alias);
    }
}
