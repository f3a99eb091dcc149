package io.bastionmq.routing;

import io.bastionmq.codec.packet.QoS;
import io.bastionmq.metrics.Metrics;
import io.bastionmq.store.QueuedMessage;
import io.bastionmq.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Routes application messages to sessions: finds the matching subscriptions, merges a client's
 * overlapping subscriptions into one delivery (MQTT5 3.3.4), picks one member per shared group
 * (MQTT5 4.8.2), keeps the retained index, and makes every QoS 1/2 delivery to a persistent
 * session durable before anyone (publisher or subscriber) hears of it.
 *
 * <p>Why deliver only after the commit: if a subscriber received a QoS 2 message whose "received"
 * mark was not yet durable and the broker crashed, the publisher would resend it and the
 * subscriber would receive it twice. Deliveries of one publish are dispatched in the order the
 * store completes commits (FIFO), which keeps each publisher's messages in order (MQTT5 4.6).
 */
public final class Router {
    private final SubscriptionTrie trie;
    private final RetainedIndex retained;
    private final Store store;
    private final Clock clock;
    private final Metrics metrics;
    private volatile Recipients recipients = clientId -> null;

    public Router(SubscriptionTrie trie, RetainedIndex retained, Store store, Clock clock, Metrics metrics) {
        this.trie = trie;
        this.retained = retained;
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Connects the router to the sessions; called once while the broker is assembled. */
    public void deliverTo(Recipients sessions) {
        this.recipients = sessions;
    }

    public CompletableFuture<Integer> publish(Message message) {
        return publish(message, store.newBatch());
    }

    /**
     * Routes {@code message}; {@code batch} may already hold writes that must become durable
     * together with it (the publisher's QoS 2 "received" mark). The future completes, with the
     * number of sessions that received the message, once it is durable and handed to them.
     */
    public CompletableFuture<Integer> publish(Message message, Store.Batch batch) {
        List<Target> targets = match(message);
        for (Target t : targets) {
            if (t.delivery.qos() != QoS.AT_MOST_ONCE && t.recipient.isPersistent()) {
                batch.putQueued(t.recipient.clientId(), t.prepared);
            }
        }
        if (message.retain()) {
            // MQTT-3.3.1-6, -7: a retained message replaces the topic's last one; an empty payload removes it.
            if (message.payload().isEmpty()) {
                batch.removeRetained(message.topic());
            } else {
                batch.putRetained(message);
            }
        }
        if (batch.isEmpty()) {
            dispatch(message, targets);
            return CompletableFuture.completedFuture(targets.size());
        }
        return store.commit(batch).thenApply(done -> {
            dispatch(message, targets);
            return targets.size();
        });
    }

    private void dispatch(Message message, List<Target> targets) {
        if (message.retain()) {
            if (message.payload().isEmpty()) {
                retained.remove(message.topic());
            } else {
                retained.put(message);
            }
        }
        for (Target t : targets) {
            t.recipient.accept(t.prepared, t.delivery);
        }
    }

    /**
     * Gives a shared-group delivery that {@code leaving} can no longer take to another member,
     * preferring connected ones. Returns false when the group has no other member.
     */
    public boolean redeliverShared(Delivery delivery, String leaving) {
        SharedGroup group = delivery.sharedGroup();
        if (group == null) {
            return false;
        }
        Subscriber next = group.next(s -> !s.clientId().equals(leaving) && isConnected(s.clientId()));
        if (next == null) {
            next = group.next(s -> !s.clientId().equals(leaving) && recipients.find(s.clientId()) != null);
        }
        Recipient r = next == null ? null : recipients.find(next.clientId());
        if (r == null) {
            return false;
        }
        // MQTT-4.8.2-3, MQTT-3.3.4-3: the new member receives under its own subscription: its
        // granted QoS, its Retain As Published, its Subscription Identifier, not the leaver's.
        Message m = delivery.message();
        List<Integer> ids = next.subscriptionId() > 0 ? List.of(next.subscriptionId()) : List.of();
        deliverOne(r, new Delivery(m, m.qos().min(next.options().maxQos()),
                next.options().retainAsPublished() && m.retain(), ids, group));
        return true;
    }

    /** Delivers one message to one session (retained messages on subscribe, shared redelivery). */
    public void deliverOne(Recipient recipient, Delivery delivery) {
        QueuedMessage prepared = recipient.prepare(delivery);
        if (delivery.qos() != QoS.AT_MOST_ONCE && recipient.isPersistent()) {
            store.commit(store.newBatch().putQueued(recipient.clientId(), prepared))
                    .thenRun(() -> recipient.accept(prepared, delivery));
        } else {
            recipient.accept(prepared, delivery);
        }
    }

    /** Retained messages matching {@code filter} that have not expired (MQTT5 3.3.2.3.3). */
    public void retainedMatching(TopicFilter filter, Consumer<Message> sink) {
        long now = clock.millis();
        retained.match(filter, m -> {
            if (m.isExpired(now)) {
                retained.remove(m.topic());
                store.commit(store.newBatch().removeRetained(m.topic()));
            } else {
                sink.accept(m);
            }
        });
    }

    public int retainedCount() {
        return retained.size();
    }

    public int subscriptionCount() {
        return trie.subscriptionCount();
    }

    private boolean isConnected(String clientId) {
        Recipient r = recipients.find(clientId);
        return r != null && r.isConnected();
    }

    private List<Target> match(Message message) {
        Collector collector = new Collector(message);
        trie.match(message.topic(), collector);
        return collector.targets();
    }

    private record Target(Recipient recipient, Delivery delivery, QueuedMessage prepared) {}

    /** Merges overlapping subscriptions per client and picks shared group members. */
    private final class Collector implements SubscriptionTrie.MatchVisitor {
        private final Message message;
        private final Map<String, Merged> byClient = new HashMap<>(4);
        private final List<Delivery> shared = new ArrayList<>(0);
        private final List<Recipient> sharedRecipients = new ArrayList<>(0);

        Collector(Message message) {
            this.message = message;
        }

        @Override
        public void subscriber(Subscriber s) {
            // MQTT-3.8.3-3: No Local: never back to the publisher's own subscription.
            if (s.options().noLocal() && s.clientId().equals(message.originClientId())) {
                return;
            }
            byClient.computeIfAbsent(s.clientId(), id -> new Merged()).add(s, message);
        }

        @Override
        public void sharedGroup(SharedGroup g) {
            Subscriber chosen = g.next(s -> isConnected(s.clientId()));
            if (chosen == null) {
                chosen = g.next(s -> recipients.find(s.clientId()) != null);
            }
            if (chosen == null) {
                return;
            }
            Recipient r = recipients.find(chosen.clientId());
            if (r == null) {
                return;
            }
            QoS qos = message.qos().min(chosen.options().maxQos());
            boolean retainFlag = chosen.options().retainAsPublished() && message.retain();
            List<Integer> ids = chosen.subscriptionId() > 0 ? List.of(chosen.subscriptionId()) : List.of();
            shared.add(new Delivery(message, qos, retainFlag, ids, g));
            sharedRecipients.add(r);
        }

        List<Target> targets() {
            List<Target> out = new ArrayList<>(byClient.size() + shared.size());
            for (Map.Entry<String, Merged> e : byClient.entrySet()) {
                Recipient r = recipients.find(e.getKey());
                if (r != null) {
                    Delivery d = e.getValue().toDelivery(message);
                    out.add(new Target(r, d, r.prepare(d)));
                }
            }
            for (int i = 0; i < shared.size(); i++) {
                Recipient r = sharedRecipients.get(i);
                Delivery d = shared.get(i);
                out.add(new Target(r, d, r.prepare(d)));
            }
            return out;
        }
    }

    /** One client's matching subscriptions folded together (MQTT5 3.3.4). */
    private static final class Merged {
        private QoS qos = QoS.AT_MOST_ONCE;
        private boolean retainAsPublished;
        private @Nullable List<Integer> ids;

        void add(Subscriber s, Message message) {
            QoS granted = message.qos().min(s.options().maxQos());
            if (granted.value() > qos.value()) {
                qos = granted;
            }
            retainAsPublished |= s.options().retainAsPublished();
            if (s.subscriptionId() > 0) {
                if (ids == null) {
                    ids = new ArrayList<>(2);
                }
                ids.add(s.subscriptionId());
            }
        }

        Delivery toDelivery(Message message) {
            // MQTT-3.3.1-12, -13: RETAIN is kept only for Retain As Published subscriptions.
            boolean retainFlag = retainAsPublished && message.retain();
            return new Delivery(message, qos, retainFlag, ids == null ? List.of() : ids, null);
        }
    }
}
