/**
 * Listeners and the Netty pipeline: TLS, WebSocket framing, the connect timeout, and the thin
 * adapters between bytes and the codec. {@link io.bastionmq.transport.MqttChannelInitializer}
 * is the table of contents of a connection.
 */
@NullMarked
package io.bastionmq.transport;

import org.jspecify.annotations.NullMarked;
