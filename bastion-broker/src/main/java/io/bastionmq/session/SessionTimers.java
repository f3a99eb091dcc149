package io.bastionmq.session;

import io.bastionmq.routing.Message;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The two clocks of an offline session: its expiry (MQTT5 3.1.2.11.2) and its delayed will
 * (MQTT5 3.1.3.2.2). Guarded by the session's monitor.
 */
final class SessionTimers {
    private final Session session;
    private final SessionContext ctx;
    private @Nullable ScheduledFuture<?> expiry;
    private @Nullable ScheduledFuture<?> willTimer;
    private @Nullable Message pendingWill;

    SessionTimers(Session session, SessionContext ctx) {
        this.session = session;
        this.ctx = ctx;
    }

    void scheduleExpiry(long delayMillis, Runnable onExpiry) {
        cancelExpiry();
        expiry = ctx.timers().schedule(onExpiry, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
    }

    void cancelExpiry() {
        if (expiry != null) {
            expiry.cancel(false);
            expiry = null;
        }
    }

    /**
     * MQTT-3.1.3-9: the will is published when the delay has passed or the session ends,
     * whichever comes first; a new connection to the session before then cancels it.
     */
    void scheduleWill(Message will, long delaySeconds) {
        cancelWill();
        pendingWill = will;
        willTimer = ctx.timers().schedule(this::willDelayPassed, delaySeconds, TimeUnit.SECONDS);
    }

    private void willDelayPassed() {
        synchronized (session) {
            publishPendingWill();
        }
    }

    void cancelWill() {
        if (willTimer != null) {
            willTimer.cancel(false);
            willTimer = null;
        }
        pendingWill = null;
    }

    /** The session is ending: a will still waiting for its delay goes out now. */
    void publishPendingWill() {
        Message will = pendingWill;
        cancelWill();
        if (will != null) {
            ctx.metrics().willsPublished.increment();
            ctx.router().publish(will);
        }
    }
}
