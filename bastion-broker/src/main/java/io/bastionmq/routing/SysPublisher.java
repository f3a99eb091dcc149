package io.bastionmq.routing;

import io.bastionmq.codec.packet.Payload;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.QoS;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Publishes broker statistics as retained QoS 0 messages under {@code $SYS/broker/} at a fixed
 * interval, in the style of Mosquitto's $SYS tree. Topics starting with '$' are never matched by
 * a filter that starts with a wildcard (MQTT-4.7.2-1), so only clients that ask get them.
 */
public final class SysPublisher implements AutoCloseable {
    public static final String PREFIX = "$SYS/broker/";

    private final Router router;
    private final Supplier<Map<String, String>> stats;
    private @Nullable ScheduledFuture<?> task;

    public SysPublisher(Router router, Supplier<Map<String, String>> stats) {
        this.router = router;
        this.stats = stats;
    }

    public void start(ScheduledExecutorService timers, long intervalMillis) {
        task = timers.scheduleAtFixedRate(this::publishNow, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Publishes every statistic once. */
    public void publishNow() {
        for (Map.Entry<String, String> e : stats.get().entrySet()) {
            router.publish(new Message(PREFIX + e.getKey(), Payload.utf8(e.getValue()), QoS.AT_MOST_ONCE, true,
                    Properties.EMPTY, Message.NO_EXPIRY, ""));
        }
    }

    @Override
    public void close() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
