package io.bastionmq.session;

import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.reason.DisconnectReason;
import io.bastionmq.routing.Message;
import io.bastionmq.routing.Recipient;
import io.bastionmq.routing.Recipients;
import io.bastionmq.routing.Subscriber;
import io.bastionmq.routing.TopicFilter;
import io.bastionmq.store.SessionRecord;
import io.bastionmq.store.SessionRecord.StoredSubscription;
import io.bastionmq.store.Store;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All sessions by client id: creation, resumption, takeover (MQTT5 3.1.4), expiry, and recovery
 * from the store at start-up. Operations on one client id are serialized by a lock stripe, so two
 * CONNECTs with the same client id cannot both win.
 */
public final class SessionRegistry implements Recipients {
    private static final Logger log = LoggerFactory.getLogger(SessionRegistry.class);
    private static final int STRIPES = 64;

    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final Object[] stripes = new Object[STRIPES];
    private final SessionContext ctx;

    public SessionRegistry(SessionContext ctx) {
        this.ctx = ctx;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    private Object stripe(String clientId) {
        return stripes[(clientId.hashCode() & 0x7fff_ffff) % STRIPES];
    }

    @Override
    public @Nullable Recipient find(String clientId) {
        return sessions.get(clientId);
    }

    public @Nullable Session get(String clientId) {
        return sessions.get(clientId);
    }

    public int size() {
        return sessions.size();
    }

    public Collection<Session> all() {
        return sessions.values();
    }

    /**
     * Opens the session for a new connection. An existing connection with the same client id is
     * told 0x8E and closed (MQTT-3.1.4-3). With clean start the old session ends (MQTT-3.1.2-4),
     * otherwise it is resumed (MQTT-3.1.2-5). {@code sendConnAck} receives "session present" and
     * must queue the CONNACK: it runs before the resumed session sends anything, since CONNACK
     * is the first packet the server sends (MQTT-3.2.0-1).
     */
    public Session connect(String clientId, MqttVersion version, boolean cleanStart, long expiryIntervalSeconds,
                           ClientLink link, Consumer<Boolean> sendConnAck) {
        synchronized (stripe(clientId)) {
            Store.Batch batch = ctx.store().newBatch();
            Session session = sessions.get(clientId);
            if (session != null) {
                ClientLink previous = session.takeOver();
                if (previous != null) {
                    previous.disconnect(DisconnectReason.SESSION_TAKEN_OVER);
                }
                // MQTT-3.1.2-4: clean start ends the old session. MQTT5 3.1.2.11.2: so does closing the
                // connection of a session with expiry 0, and a takeover closes it; such a session
                // must not be resumed (Session Present 0, MQTT-3.2.2-3).
                if (cleanStart || !session.isPersistent()) {
                    synchronized (session) {
                        session.timers().publishPendingWill();
                        session.end(batch);
                    }
                    sessions.remove(clientId, session);
                    session = null;
                }
            }
            boolean present = session != null;
            if (session == null) {
                session = new Session(clientId, version, expiryIntervalSeconds, ctx);
                sessions.put(clientId, session);
            } else {
                session.reconfigure(version, expiryIntervalSeconds);
            }
            if (session.isPersistent()) {
                batch.putSession(session.toRecord());
                session.markStored(true);
            } else if (present && session.isStored()) {
                batch.deleteSession(clientId); // no longer persistent: its stored copy must not come back
                session.markStored(false);
            }
            ctx.store().commit(batch);
            sendConnAck.accept(present);
            session.attach(link, present);
            return session;
        }
    }

    /**
     * The connection of {@code session} has closed. A persistent session stays until its expiry
     * interval passes; any other ends now. The will, if any, is published now or after its delay.
     *
     * @param will the will to publish, or null (none, or a normal DISCONNECT discarded it)
     */
    public void disconnected(Session session, ClientLink link, @Nullable Message will, long willDelaySeconds) {
        String clientId = session.clientId();
        synchronized (stripe(clientId)) {
            if (!session.detach(link)) {
                // Taken over: the new connection resumed (or replaced) the session already.
                // MQTT5 3.1.3.2.2: the will goes out now if it has no delay, or if the takeover
                // ended the session (clean start, or expiry 0) before the delay could pass.
                if (will != null && (willDelaySeconds == 0 || session.isEnded())) {
                    ctx.metrics().willsPublished.increment();
                    ctx.router().publish(will);
                }
                return;
            }
            synchronized (session) {
                if (will != null && willDelaySeconds > 0 && session.isPersistent()) {
                    session.timers().scheduleWill(will, willDelaySeconds);
                } else if (will != null) {
                    ctx.metrics().willsPublished.increment();
                    ctx.router().publish(will);
                }
                if (session.isPersistent()) {
                    scheduleExpiry(session, session.expiryIntervalSeconds() * 1000L);
                    session.persist();
                } else {
                    endNow(session);
                }
            }
        }
    }

    private void scheduleExpiry(Session session, long delayMillis) {
        if (session.expiryIntervalSeconds() == Session.NEVER_EXPIRES) {
            return;
        }
        session.timers().scheduleExpiry(delayMillis, () -> expire(session, session::isConnected));
    }

    private void expire(Session session, BooleanSupplier reconnected) {
        synchronized (stripe(session.clientId())) {
            synchronized (session) {
                if (reconnected.getAsBoolean() || session.isEnded() || sessions.get(session.clientId()) != session) {
                    return;
                }
                ctx.metrics().sessionsExpired.increment();
                log.debug("session {} expired", session.clientId());
                endNow(session);
            }
        }
    }

    private void endNow(Session session) {
        session.timers().publishPendingWill();
        Store.Batch batch = ctx.store().newBatch();
        session.end(batch);
        sessions.remove(session.clientId(), session);
        ctx.store().commit(batch);
    }

    /**
     * Rebuilds persistent sessions from the store after a restart. A session that was connected
     * when the broker stopped counts as disconnected now; its expiry starts again from now.
     */
    public int recover() {
        long now = ctx.clock().millis();
        int restored = 0;
        for (SessionRecord record : ctx.store().loadSessions()) {
            Session session = new Session(record.clientId(), record.version(), record.expiryIntervalSeconds(), ctx);
            List<Subscriber> subs = new ArrayList<>(record.subscriptions().size());
            for (StoredSubscription s : record.subscriptions()) {
                subs.add(new Subscriber(record.clientId(), TopicFilter.parse(s.subscription().filter()), s.subscription(), s.subscriptionId()));
            }
            long disconnectedAt = record.disconnectedAtMillis() == 0 ? now : record.disconnectedAtMillis();
            session.restore(disconnectedAt, subs, ctx.store().loadQueue(record.clientId()), ctx.store().loadInboundQos2(record.clientId()));
            sessions.put(record.clientId(), session);
            synchronized (session) {
                long left = record.expiryIntervalSeconds() * 1000L - (now - disconnectedAt);
                if (left <= 0 && record.expiryIntervalSeconds() != Session.NEVER_EXPIRES) {
                    endNow(session);
                    continue;
                }
                scheduleExpiry(session, left);
            }
            restored++;
        }
        return restored;
    }
}
