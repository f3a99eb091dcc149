package io.bastionmq.routing;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The last retained message of each topic (MQTT5 3.3.1.3), in a trie of topic levels so that a
 * new subscription to {@code a/+/c} walks only the {@code a/*}{@code /c} branches instead of every
 * retained topic. The index only stores: the broker decides that an empty payload deletes and
 * that an expired message is dropped.
 *
 * <p>Same concurrency model as {@link SubscriptionTrie}: writers serialize on one lock, readers
 * ({@link #get}, {@link #match}) take none and see each node as some writer left it; a sink may
 * therefore call {@link #remove} while a match is running. Emptied nodes are unlinked, never
 * reused, so topic churn does not grow memory.
 *
 * <p>A node's children sit in a {@link LevelTable} looked up by a range of the topic, so
 * {@link #get}, {@link #put} and {@link #remove} of a retained PUBLISH make no substring per level
 * (only a level seen for the first time is copied out, to become a node's name).
 */
public final class RetainedIndex {
    private final Node root = new Node(null, "");
    private final Object writeLock = new Object();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong payloadBytes = new AtomicLong();

    /** Stores {@code m} as the retained message of its topic, replacing any previous one (MQTT-3.3.1-5). */
    public void put(Message m) {
        String topic = m.topic();
        synchronized (writeLock) {
            Node node = root;
            int start = 0;
            while (true) {
                int end = topic.indexOf('/', start);
                if (end < 0) {
                    end = topic.length();
                }
                node = node.childForWrite(topic, start, end);
                if (end == topic.length()) {
                    break;
                }
                start = end + 1;
            }
            Message previous = node.message;
            node.message = m;
            if (previous == null) {
                size.incrementAndGet();
                payloadBytes.addAndGet(m.payload().size());
            } else {
                payloadBytes.addAndGet(m.payload().size() - previous.payload().size());
            }
        }
    }

    public void remove(String topic) {
        synchronized (writeLock) {
            Node node = find(topic);
            Message previous = node == null ? null : node.message;
            if (node == null || previous == null) {
                return;
            }
            payloadBytes.addAndGet(-previous.payload().size());
            size.decrementAndGet();
            node.message = null;
            Node current = node;
            while (current.parent != null && current.isEmpty()) {
                current.parent.unlink(current);
                current = current.parent;
            }
        }
    }

    public @Nullable Message get(String topic) {
        Node node = find(topic);
        return node == null ? null : node.message;
    }

    /**
     * Visits each retained message whose topic matches {@code filter}; for a shared filter the
     * inner filter counts. The sink runs on the calling thread with no lock held.
     */
    public void match(TopicFilter filter, Consumer<Message> sink) {
        collect(root, filter, 0, sink);
    }

    public int size() {
        return size.get();
    }

    /** The payload bytes of all retained messages, for the memory limit and metrics. */
    public long payloadBytes() {
        return payloadBytes.get();
    }

    /** Nodes below the root; lets tests check that removal leaves nothing behind. */
    int nodeCount() {
        return countBelow(root);
    }

    private static int countBelow(Node node) {
        int[] n = {0};
        forEachChild(node, false, child -> n[0] += 1 + countBelow(child));
        return n[0];
    }

    private @Nullable Node find(String topic) {
        Node node = root;
        int start = 0;
        while (node != null) {
            int end = topic.indexOf('/', start);
            if (end < 0) {
                end = topic.length();
            }
            node = node.child(topic, start, end);
            if (end == topic.length()) {
                return node;
            }
            start = end + 1;
        }
        return null;
    }

    private static void collect(Node node, TopicFilter filter, int index, Consumer<Message> sink) {
        if (index == filter.levels()) {
            emit(node, sink);
            return;
        }
        String level = filter.level(index);
        // MQTT-4.7.2-1: a leading wildcard does not match topics starting with '$'.
        boolean top = index == 0;
        switch (level) {
            case "#" -> {
                emit(node, sink); // "a/#" matches "a" too (MQTT5 4.7.1.2)
                forEachChild(node, top, child -> subtree(child, sink));
            }
            case "+" -> forEachChild(node, top, child -> collect(child, filter, index + 1, sink));
            default -> {
                Node child = node.child(level);
                if (child != null) {
                    collect(child, filter, index + 1, sink);
                }
            }
        }
    }

    private static void forEachChild(Node node, boolean skipSystem, Consumer<Node> action) {
        LevelTable<Node> children = node.children;
        if (children == null) {
            return;
        }
        children.forEach(child -> {
            if (!(skipSystem && child.level.startsWith("$"))) {
                action.accept(child);
            }
        });
    }

    private static void subtree(Node node, Consumer<Message> sink) {
        emit(node, sink);
        forEachChild(node, false, child -> subtree(child, sink));
    }

    private static void emit(Node node, Consumer<Message> sink) {
        Message m = node.message;
        if (m != null) {
            sink.accept(m);
        }
    }

    /** One topic level. Written under the write lock, read without it. */
    private static final class Node {
        final @Nullable Node parent;
        final String level;
        volatile @Nullable Message message;
        volatile @Nullable LevelTable<Node> children;

        Node(@Nullable Node parent, String level) {
            this.parent = parent;
            this.level = level;
        }

        @Nullable Node child(String name) {
            return child(name, 0, name.length());
        }

        /** The child named by {@code topic.substring(start, end)}. */
        @Nullable Node child(String topic, int start, int end) {
            LevelTable<Node> table = children;
            return table == null ? null : table.get(topic, start, end);
        }

        Node childForWrite(String topic, int start, int end) {
            Node existing = child(topic, start, end);
            if (existing != null) {
                return existing;
            }
            LevelTable<Node> table = children;
            Node created = new Node(this, topic.substring(start, end));
            children = (table == null ? new LevelTable<Node>() : table).with(created.level, created);
            return created;
        }

        void unlink(Node child) {
            LevelTable<Node> table = children;
            if (table != null) {
                table.remove(child.level);
                if (table.isEmpty()) {
                    children = null;
                }
            }
        }

        boolean isEmpty() {
            LevelTable<Node> table = children;
            return message == null && (table == null || table.isEmpty());
        }
    }
}
