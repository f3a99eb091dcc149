package io.bastionmq.routing;

import org.jspecify.annotations.Nullable;

/** Finds the session a subscription belongs to. */
@FunctionalInterface
public interface Recipients {
    @Nullable Recipient find(String clientId);
}
