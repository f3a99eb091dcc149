package io.bastionmq.session;

import io.bastionmq.config.MqttConfig.QueueOverflowPolicy;
import io.bastionmq.metrics.Metrics;
import io.bastionmq.routing.Router;
import io.bastionmq.routing.SubscriptionTrie;
import io.bastionmq.store.Store;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/** What every session needs from the rest of the broker. Built once by {@code Broker}. */
public record SessionContext(
        Store store,
        SubscriptionTrie trie,
        Router router,
        ScheduledExecutorService timers,
        Clock clock,
        Metrics metrics,
        int maxQueuedMessages,
        QueueOverflowPolicy overflowPolicy) {}
