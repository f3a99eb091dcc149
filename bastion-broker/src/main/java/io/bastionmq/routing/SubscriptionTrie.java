package io.bastionmq.routing;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Every subscription of every session, arranged as a trie of filter levels so that a PUBLISH
 * costs time in proportion to the topic's depth and the matches, not to the number of
 * subscriptions. A node is one filter: the path from the root spells it.
 *
 * <h2>Concurrency</h2>
 * {@link #match} runs on every Netty event loop for every PUBLISH; SUBSCRIBE, UNSUBSCRIBE and
 * session end change the trie from other threads. The design keeps matching lock-free:
 * <ul>
 *   <li>Writers take one lock on the trie. A write is a walk of a few levels plus a copy of a
 *       few dozen entries at most ({@link SubscriberSet}), so one lock sustains far more
 *       SUBSCRIBEs than the network delivers, and it makes pruning simple: no writer can add to a
 *       node while another unlinks it.
 *   <li>Readers take no lock. A node's literal children sit in a {@link LevelTable}, its
 *       {@code +} and {@code #} children in volatile fields, its subscribers in a
 *       {@link SubscriberSet} and its shared groups in a volatile copy-on-write array. Every
 *       reader therefore sees each node in some state a writer left it in.
 *   <li>A pruned node is only unlinked, never reused: a reader still inside it sees it empty or
 *       as it was. A match thus sees every subscription that existed for its whole duration, and
 *       may or may not see one added or removed meanwhile, which MQTT allows (a SUBSCRIBE takes
 *       effect "at some point" before its SUBACK, MQTT5 3.8.4).
 * </ul>
 *
 * <h2>Allocation-free matching</h2>
 * A node's literal children sit in a {@link LevelTable}, looked up by a range of the topic
 * (topic, start of the level, end of the level), so {@link #match} makes no substring per level and,
 * with the subscribers iterated in place, allocates nothing of its own (JMH {@code TrieBenchmark.match}
 * with {@code -prof gc}, docs/benchmarks.md). The table's hash is seeded per table against hash
 * flooding by chosen level names.
 */
public final class SubscriptionTrie {
    /** Receives the matches of one topic. Called on the matching thread, without locks held. */
    public interface MatchVisitor {
        /** A non-shared subscription that matches; a client with overlapping ones gets one call per filter. */
        void subscriber(Subscriber s);

        /** A shared group whose filter matches; called once per group. */
        void sharedGroup(SharedGroup g);
    }

    private final Node root = new Node(null, "");
    private final Object writeLock = new Object();
    private final AtomicInteger count = new AtomicInteger();

    /**
     * Adds {@code s}, replacing the same client's subscription to the same filter text
     * (MQTT-3.8.4-3: replace, keep one). Returns true if it replaced one, which decides Retain
     * Handling 1 (MQTT5 3.8.3.1).
     */
    public boolean subscribe(Subscriber s) {
        TopicFilter filter = s.filter();
        synchronized (writeLock) {
            Node node = root;
            for (int i = 0; i < filter.levels(); i++) {
                node = node.childForWrite(filter.level(i));
            }
            String shareName = filter.shareName();
            boolean replaced = shareName == null ? node.subscribers.put(s) : node.groupForWrite(shareName, filter.filter()).put(s);
            if (!replaced) {
                count.incrementAndGet();
            }
            return replaced;
        }
    }

    /** Removes the client's subscription to {@code filter}; true if there was one. */
    public boolean unsubscribe(String clientId, TopicFilter filter) {
        synchronized (writeLock) {
            Node node = root;
            for (int i = 0; i < filter.levels(); i++) {
                node = node.child(filter.level(i));
                if (node == null) {
                    return false;
                }
            }
            String shareName = filter.shareName();
            boolean removed;
            if (shareName == null) {
                removed = node.subscribers.remove(clientId);
            } else {
                SharedGroup group = node.group(shareName);
                removed = group != null && group.remove(clientId);
                if (group != null && group.isEmpty()) {
                    node.removeGroup(group);
                }
            }
            if (removed) {
                count.decrementAndGet();
                prune(node);
            }
            return removed;
        }
    }

    /**
     * Visits every subscription whose filter matches {@code topic}, a valid topic name. Lock-free
     * and allocation-light: levels are found by walking the '/' indexes.
     */
    public void match(String topic, MatchVisitor visitor) {
        // MQTT-4.7.2-1: filters starting with a wildcard do not match topics starting with '$'.
        boolean system = !topic.isEmpty() && topic.charAt(0) == '$';
        if (!system) {
            visit(root.hash, visitor);
        }
        walk(root, topic, 0, !system, visitor);
    }

    public int subscriptionCount() {
        return count.get();
    }

    /** Nodes below the root; lets tests check that pruning leaves nothing behind. */
    int nodeCount() {
        return countBelow(root);
    }

    private static int countBelow(Node node) {
        int n = 0;
        LevelTable<Node> children = node.children;
        if (children != null) {
            int[] below = {0};
            children.forEach(child -> below[0] += 1 + countBelow(child));
            n += below[0];
        }
        for (Node wildcard : new Node[] {node.plus, node.hash}) {
            if (wildcard != null) {
                n += 1 + countBelow(wildcard);
            }
        }
        return n;
    }

    /** Matches the level starting at {@code start} against the children of {@code node}. */
    private static void walk(Node node, String topic, int start, boolean wildcards, MatchVisitor visitor) {
        int end = topic.indexOf('/', start);
        if (end < 0) {
            end = topic.length();
        }
        if (wildcards) {
            Node plus = node.plus;
            if (plus != null) {
                descend(plus, topic, end, visitor);
            }
        }
        LevelTable<Node> children = node.children;
        if (children != null) {
            Node child = children.get(topic, start, end);
            if (child != null) {
                descend(child, topic, end, visitor);
            }
        }
    }

    /** {@code node} matched the level ending at {@code end}. */
    private static void descend(Node node, String topic, int end, MatchVisitor visitor) {
        // "a/#" matches "a" (the parent level) and everything below "a" (MQTT5 4.7.1.2).
        visit(node.hash, visitor);
        if (end == topic.length()) {
            visit(node, visitor);
        } else {
            walk(node, topic, end + 1, true, visitor);
        }
    }

    private static void visit(@Nullable Node node, MatchVisitor visitor) {
        if (node == null) {
            return;
        }
        node.subscribers.forEach(visitor::subscriber);
        for (SharedGroup g : node.groups) {
            visitor.sharedGroup(g);
        }
    }

    /** Unlinks {@code node} and its ancestors while they hold nothing, so churn does not leak memory. */
    private void prune(Node node) {
        Node current = node;
        while (current.parent != null && current.isEmpty()) {
            current.parent.unlink(current);
            current = current.parent;
        }
    }

    /** One filter level. Fields are written under the trie's write lock and read without it. */
    private static final class Node {
        private static final SharedGroup[] NO_GROUPS = new SharedGroup[0];

        final @Nullable Node parent;
        final String level;
        final SubscriberSet subscribers = new SubscriberSet();
        volatile SharedGroup[] groups = NO_GROUPS;
        volatile @Nullable LevelTable<Node> children;
        volatile @Nullable Node plus;
        volatile @Nullable Node hash;

        Node(@Nullable Node parent, String level) {
            this.parent = parent;
            this.level = level;
        }

        @Nullable Node child(String name) {
            // A filter level holding '+' or '#' is exactly that wildcard (MQTT-4.7.1-2, -3).
            return switch (name) {
                case "+" -> plus;
                case "#" -> hash;
                default -> {
                    LevelTable<Node> table = children;
                    yield table == null ? null : table.get(name);
                }
            };
        }

        Node childForWrite(String name) {
            Node existing = child(name);
            if (existing != null) {
                return existing;
            }
            Node created = new Node(this, name);
            switch (name) {
                case "+" -> plus = created;
                case "#" -> hash = created;
                default -> {
                    LevelTable<Node> table = children;
                    children = (table == null ? new LevelTable<Node>() : table).with(name, created);
                }
            }
            return created;
        }

        void unlink(Node child) {
            switch (child.level) {
                case "+" -> plus = null;
                case "#" -> hash = null;
                default -> {
                    LevelTable<Node> table = children;
                    if (table != null) {
                        table.remove(child.level);
                        if (table.isEmpty()) {
                            children = null;
                        }
                    }
                }
            }
        }

        @Nullable SharedGroup group(String shareName) {
            for (SharedGroup g : groups) {
                if (g.shareName().equals(shareName)) {
                    return g;
                }
            }
            return null;
        }

        SharedGroup groupForWrite(String shareName, String filter) {
            SharedGroup existing = group(shareName);
            if (existing != null) {
                return existing;
            }
            SharedGroup created = new SharedGroup(shareName, filter);
            SharedGroup[] updated = Arrays.copyOf(groups, groups.length + 1);
            updated[groups.length] = created;
            groups = updated;
            return created;
        }

        void removeGroup(SharedGroup group) {
            SharedGroup[] current = groups;
            SharedGroup[] updated = Arrays.stream(current).filter(g -> g != group).toArray(SharedGroup[]::new);
            groups = updated.length == 0 ? NO_GROUPS : updated;
        }

        boolean isEmpty() {
            LevelTable<Node> table = children;
            return subscribers.isEmpty() && groups.length == 0 && plus == null && hash == null && (table == null || table.isEmpty());
        }
    }
}
