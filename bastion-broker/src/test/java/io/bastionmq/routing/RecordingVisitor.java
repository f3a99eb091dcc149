package io.bastionmq.routing;

import java.util.ArrayList;
import java.util.List;

/** Collects what a trie match visits. */
final class RecordingVisitor implements SubscriptionTrie.MatchVisitor {
    final List<Subscriber> subscribers = new ArrayList<>();
    final List<SharedGroup> groups = new ArrayList<>();

    static RecordingVisitor match(SubscriptionTrie trie, String topic) {
        RecordingVisitor v = new RecordingVisitor();
        trie.match(topic, v);
        return v;
    }

    @Override
    public void subscriber(Subscriber s) {
        subscribers.add(s);
    }

    @Override
    public void sharedGroup(SharedGroup g) {
        groups.add(g);
    }

    List<String> filters() {
        return subscribers.stream().map(s -> s.clientId() + ":" + s.filter().text()).toList();
    }
}
