package io.bastionmq.session;

import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.PubRel;
import io.bastionmq.codec.packet.QoS;
import io.bastionmq.codec.reason.PubRecReason;
import io.bastionmq.codec.reason.PubRelReason;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.routing.Delivery;
import io.bastionmq.routing.Recipient;
import io.bastionmq.routing.Subscriber;
import io.bastionmq.routing.TopicFilter;
import io.bastionmq.store.QueuedMessage;
import io.bastionmq.store.QueuedMessage.DeliveryState;
import io.bastionmq.store.SessionRecord;
import io.bastionmq.store.SessionRecord.StoredSubscription;
import io.bastionmq.store.Store;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One client's session (MQTT5 4.1): subscriptions, the outbound queue, the QoS 1/2 messages in
 * flight to the client, and the QoS 2 packet ids received from it and not yet released.
 *
 * <p>Concurrency: a session is touched by its own connection's event loop (acks, subscribes) and
 * by the event loops of every publisher whose message it receives. All state is guarded by the
 * session's monitor; the critical sections are short and never block (writes to the client are
 * handed to its event loop by {@link ClientLink}, store writes are asynchronous group commits).
 * Sessions of different clients never lock each other.
 */
public final class Session implements Recipient {
    /** MQTT5 3.1.2.11.2: 0xFFFFFFFF means the session does not expire. */
    public static final long NEVER_EXPIRES = 0xFFFF_FFFFL;

    private final String clientId;
    private final SessionContext ctx;

    private MqttVersion version;
    private long expiryIntervalSeconds;
    private final Map<String, Subscriber> subscriptions = new LinkedHashMap<>();
    private final ArrayDeque<QueuedMessage> queue = new ArrayDeque<>();
    /** Packet id → message sent and not yet fully acknowledged, in the order sent (MQTT5 4.6). */
    private final Inflight inflight = new Inflight();
    /** Deliveries chosen by a shared group, so they can go to another member if this one leaves. */
    private final Map<Long, Delivery> sharedDeliveries = new HashMap<>();
    private final Set<Integer> inboundQos2 = new HashSet<>();
    private long nextSeq = 1;
    private @Nullable ClientLink link;
    private long disconnectedAtMillis;
    private boolean ended;
    /** Whether the store holds anything of this session; a session never stored needs no delete. */
    private boolean stored;
    private final SessionTimers timers;

    Session(String clientId, MqttVersion version, long expiryIntervalSeconds, SessionContext ctx) {
        this.clientId = clientId;
        this.version = version;
        this.expiryIntervalSeconds = expiryIntervalSeconds;
        this.ctx = ctx;
        this.timers = new SessionTimers(this, ctx);
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public synchronized boolean isConnected() {
        return link != null;
    }

    @Override
    public synchronized boolean isPersistent() {
        return expiryIntervalSeconds > 0;
    }

    public synchronized long expiryIntervalSeconds() {
        return expiryIntervalSeconds;
    }

    public synchronized MqttVersion version() {
        return version;
    }

    synchronized boolean isEnded() {
        return ended;
    }

    SessionTimers timers() {
        return timers;
    }

    /** MQTT5 3.14.2.2.2: the client may change the expiry interval in DISCONNECT. */
    public synchronized void setExpiryInterval(long seconds) {
        this.expiryIntervalSeconds = seconds;
    }

    synchronized void reconfigure(MqttVersion newVersion, long newExpiry) {
        this.version = newVersion;
        this.expiryIntervalSeconds = newExpiry;
    }

    // ---------------------------------------------------------------- attach / detach

    /**
     * Attaches a new connection. On a resumed session, unacknowledged PUBLISHes are sent again
     * with DUP set and PUBRELs again, in their original order (MQTT5 4.4, MQTT-4.4.0-1).
     */
    synchronized void attach(ClientLink newLink, boolean resumed) {
        this.link = newLink;
        this.disconnectedAtMillis = 0;
        timers.cancelExpiry();
        timers.cancelWill();
        if (resumed) {
            for (QueuedMessage m : inflight.inOrder()) {
                if (m.state() == DeliveryState.RELEASED) {
                    newLink.send(new PubRel(m.packetId()));
                } else {
                    newLink.deliver(m, m.packetId(), true);
                }
            }
        }
        pump();
    }

    /** Detaches the current connection, if it is still {@code closing}; returns the link that was taken. */
    synchronized @Nullable ClientLink takeOver() {
        ClientLink old = link;
        link = null;
        return old;
    }

    /**
     * Called when {@code closing} has closed. Returns false when the session had already moved to
     * another connection (taken over), in which case nothing changes.
     */
    public synchronized boolean detach(ClientLink closing) {
        if (link != closing) {
            return false;
        }
        link = null;
        disconnectedAtMillis = ctx.clock().millis();
        handSharedDeliveriesToOtherMembers();
        return true;
    }

    /** MQTT5 4.8.2: a message sent to a shared group goes to another member if this one is gone. */
    private void handSharedDeliveriesToOtherMembers() {
        if (sharedDeliveries.isEmpty()) {
            return;
        }
        List<QueuedMessage> candidates = new ArrayList<>();
        for (QueuedMessage m : inflight.inOrder()) {
            if (m.state() == DeliveryState.SENT) {
                candidates.add(m); // a RELEASED message has reached the client already
            }
        }
        candidates.addAll(queue);
        Store.Batch batch = ctx.store().newBatch();
        for (QueuedMessage m : candidates) {
            Delivery d = sharedDeliveries.get(m.seq());
            if (d != null && ctx.router().redeliverShared(d, clientId)) {
                sharedDeliveries.remove(m.seq());
                inflight.remove(m);
                queue.remove(m);
                if (isPersistent()) {
                    batch.removeQueued(clientId, m.seq());
                }
            }
        }
        ctx.store().commit(batch);
    }

    // ---------------------------------------------------------------- routing in

    @Override
    public synchronized QueuedMessage prepare(Delivery d) {
        return new QueuedMessage(nextSeq++, d.message(), d.qos(), d.retain(), d.subscriptionIds(), DeliveryState.QUEUED, 0);
    }

    @Override
    public synchronized void accept(QueuedMessage m, Delivery d) {
        if (ended) {
            forget(m);
            return;
        }
        if (m.qos() == QoS.AT_MOST_ONCE) {
            acceptQos0(m);
            return;
        }
        if (d.sharedGroup() != null) {
            sharedDeliveries.put(m.seq(), d);
        }
        if (link != null && queue.isEmpty() && inflight.size() < link.receiveMaximum()) {
            sendNow(link, m);
            return;
        }
        enqueueBounded(m);
        pump();
    }

    /**
     * QoS 0 goes straight out when the socket can take it; it never waits in flow control
     * (MQTT5 4.9). A socket that cannot keep up loses QoS 0 messages rather than making the
     * broker buffer without bound. Offline persistent sessions queue them (MQTT5 3.1.2.4 allows it).
     */
    private void acceptQos0(QueuedMessage m) {
        ClientLink l = link;
        if (l != null) {
            if (l.isWritable()) {
                l.deliver(m, 0, false);
            } else {
                ctx.metrics().qos0Dropped.increment();
            }
        } else if (isPersistent()) {
            enqueueBounded(m);
        }
    }

    private void enqueueBounded(QueuedMessage m) {
        if (queue.size() >= ctx.maxQueuedMessages()) {
            ctx.metrics().queueOverflowDropped.increment();
            switch (ctx.overflowPolicy()) {
                case DROP_NEW -> {
                    forget(m);
                    return;
                }
                case DROP_OLDEST -> forget(queue.pollFirst());
            }
        }
        queue.addLast(m);
    }

    /** Sends queued messages while the client's Receive Maximum allows (MQTT5 4.9). */
    private void pump() {
        ClientLink l = link;
        if (l == null) {
            return;
        }
        long now = ctx.clock().millis();
        while (!queue.isEmpty()) {
            QueuedMessage head = queue.peekFirst();
            if (head.message().isExpired(now)) {
                queue.pollFirst();
                ctx.metrics().messagesExpired.increment();
                forget(head);
                continue;
            }
            if (head.qos() == QoS.AT_MOST_ONCE) {
                queue.pollFirst();
                l.deliver(head, 0, false);
                continue;
            }
            if (inflight.size() >= l.receiveMaximum()) {
                return;
            }
            queue.pollFirst();
            sendNow(l, head);
        }
    }

    private void sendNow(ClientLink l, QueuedMessage m) {
        int packetId = inflight.nextPacketId();
        QueuedMessage sent = m.sent(packetId);
        inflight.put(sent);
        if (sent.qos() == QoS.EXACTLY_ONCE && isPersistent()) {
            // The packet id must be durable before the PUBLISH leaves: after a crash the message
            // must be resent with the SAME id, or the client would take it for a new message and
            // deliver it twice (MQTT5 4.3.3, 4.4).
            ctx.store().commit(ctx.store().newBatch().putQueued(clientId, sent))
                    .thenRun(() -> sendIfStillInflight(l, sent));
        } else {
            l.deliver(sent, packetId, false);
        }
    }

    private synchronized void sendIfStillInflight(ClientLink l, QueuedMessage sent) {
        if (link == l && inflight.get(sent.packetId()) == sent) {
            l.deliver(sent, sent.packetId(), false);
        }
    }


    // ---------------------------------------------------------------- acknowledgements from the client

    /** PUBACK (QoS 1 complete). Unknown ids are ignored. */
    public synchronized void onPubAck(int packetId) {
        QueuedMessage m = inflight.get(packetId);
        if (m != null && m.qos() == QoS.AT_LEAST_ONCE) {
            complete(m);
        }
    }

    /**
     * PUBREC (QoS 2, first half). An error reason ends the delivery (MQTT5 4.3.3); otherwise the
     * message becomes RELEASED (durably, on a persistent session) and a PUBREL goes out. A PUBREC
     * for an unknown id is answered with PUBREL 0x92 (MQTT5 3.6.2.1).
     */
    public synchronized void onPubRec(int packetId, PubRecReason reason) {
        QueuedMessage m = inflight.get(packetId);
        ClientLink l = link;
        if (m == null || m.qos() != QoS.EXACTLY_ONCE) {
            if (l != null && version.isV5()) {
                l.send(new PubRel(packetId, PubRelReason.PACKET_IDENTIFIER_NOT_FOUND, Properties.EMPTY));
            }
            return;
        }
        if (reason.isError()) {
            complete(m);
            return;
        }
        QueuedMessage released = m.state() == DeliveryState.RELEASED ? m : m.released();
        inflight.put(released);
        if (l == null) {
            return;
        }
        if (isPersistent() && m != released) {
            ctx.store().commit(ctx.store().newBatch().putQueued(clientId, released))
                    .thenRun(() -> sendPubRelIfCurrent(l, released));
        } else {
            l.send(new PubRel(packetId));
        }
    }

    private synchronized void sendPubRelIfCurrent(ClientLink l, QueuedMessage released) {
        if (link == l && inflight.get(released.packetId()) == released) {
            l.send(new PubRel(released.packetId()));
        }
    }

    /** PUBCOMP (QoS 2 complete). */
    public synchronized void onPubComp(int packetId) {
        QueuedMessage m = inflight.get(packetId);
        if (m != null && m.state() == DeliveryState.RELEASED) {
            complete(m);
        }
    }

    /**
     * The connection could not send this message (larger than the client's Maximum Packet Size):
     * MQTT-3.1.2-25 says to behave as if it had been sent and completed.
     */
    public synchronized void onUndeliverable(int packetId) {
        QueuedMessage m = inflight.get(packetId);
        if (m != null) {
            complete(m);
        }
    }

    private void complete(QueuedMessage m) {
        inflight.remove(m.packetId());
        sharedDeliveries.remove(m.seq());
        forget(m);
        ctx.metrics().messagesSent.increment();
        pump();
    }

    private void forget(@Nullable QueuedMessage m) {
        if (m != null && m.qos() != QoS.AT_MOST_ONCE && isPersistent()) {
            ctx.store().commit(ctx.store().newBatch().removeQueued(clientId, m.seq()));
        }
    }

    // ---------------------------------------------------------------- QoS 2 inbound (MQTT5 4.3.3)

    /** Records a QoS 2 packet id received; false if it is already awaiting PUBREL (a resend). */
    public synchronized boolean receiveQos2(int packetId) {
        return inboundQos2.add(packetId);
    }

    public synchronized boolean releaseQos2(int packetId) {
        return inboundQos2.remove(packetId);
    }

    public synchronized int inboundQos2Count() {
        return inboundQos2.size();
    }

    // ---------------------------------------------------------------- subscriptions

    /** Adds or replaces a subscription (MQTT-3.8.4-3); returns true if it replaced one. */
    public synchronized boolean subscribe(Subscriber subscriber) {
        boolean existed = subscriptions.put(subscriber.filter().text(), subscriber) != null;
        ctx.trie().subscribe(subscriber);
        return existed;
    }

    public synchronized boolean unsubscribe(TopicFilter filter) {
        Subscriber removed = subscriptions.remove(filter.text());
        if (removed == null) {
            return false;
        }
        ctx.trie().unsubscribe(clientId, filter);
        return true;
    }

    public synchronized boolean isSubscribed(TopicFilter filter) {
        return subscriptions.containsKey(filter.text());
    }

    public synchronized int subscriptionCount() {
        return subscriptions.size();
    }

    // ---------------------------------------------------------------- durability

    /** Writes the session record (subscriptions, expiry) if the session is persistent. */
    public synchronized CompletableFuture<Void> persist() {
        if (!isPersistent() || ended) {
            return CompletableFuture.completedFuture(null);
        }
        stored = true;
        return ctx.store().commit(ctx.store().newBatch().putSession(toRecord()));
    }

    /** Records that the store now holds (or no longer holds) this session. */
    synchronized void markStored(boolean isStored) {
        this.stored = isStored;
    }

    synchronized boolean isStored() {
        return stored;
    }

    synchronized SessionRecord toRecord() {
        List<StoredSubscription> subs = new ArrayList<>(subscriptions.size());
        for (Subscriber s : subscriptions.values()) {
            subs.add(new StoredSubscription(s.options(), s.subscriptionId()));
        }
        return new SessionRecord(clientId, version, expiryIntervalSeconds, disconnectedAtMillis, subs);
    }

    /** Restores state read from the store at start-up (the session is offline). */
    synchronized void restore(long disconnectedAt, Collection<Subscriber> subs, List<QueuedMessage> stored, Set<Integer> qos2) {
        this.disconnectedAtMillis = disconnectedAt;
        this.stored = true;
        for (Subscriber s : subs) {
            subscribe(s);
        }
        for (QueuedMessage m : stored) {
            nextSeq = Math.max(nextSeq, m.seq() + 1);
            if (m.state() == DeliveryState.QUEUED) {
                queue.addLast(m);
            } else {
                inflight.restore(m);
            }
        }
        inboundQos2.addAll(qos2);
    }

    /**
     * Ends the session: its subscriptions leave the trie, and the deletion of its stored state is
     * added to {@code batch}, which the caller commits (so replacing a session is one atomic write).
     */
    synchronized void end(Store.Batch batch) {
        if (ended) {
            return;
        }
        ended = true;
        for (Iterator<Subscriber> it = subscriptions.values().iterator(); it.hasNext(); ) {
            Subscriber s = it.next();
            ctx.trie().unsubscribe(clientId, s.filter());
            it.remove();
        }
        // Messages a shared group gave this session go to another member (MQTT5 4.8.2): the queued
        // ones and those in flight too, since a takeover ends the session without a detach().
        handSharedDeliveriesToOtherMembers();
        queue.clear();
        inflight.clear();
        sharedDeliveries.clear();
        inboundQos2.clear();
        timers.cancelExpiry();
        if (stored) {
            // A clean session was never written: deleting it would cost a synced store write per
            // disconnect for nothing (measured: it capped connect churn at the fsync rate).
            batch.deleteSession(clientId);
            stored = false;
        }
    }

    @Override
    public String toString() {
        return "Session[" + clientId + "]";
    }
}
