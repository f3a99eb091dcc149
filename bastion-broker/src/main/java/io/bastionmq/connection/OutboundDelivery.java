package io.bastionmq.connection;

import io.bastionmq.store.QueuedMessage;

/**
 * A message on its way to the client, written to the channel by the session from any thread and
 * turned into a PUBLISH on the connection's event loop by {@link OutboundPublishes}, where the
 * per-connection state (topic aliases, maximum packet size) lives.
 */
record OutboundDelivery(QueuedMessage message, int packetId, boolean dup) {}
