/**
 * One MQTT connection's state machine: CONNECT, the publish flows in both directions, subscribe,
 * keep alive and disconnect. Runs on the connection's event loop; everything here is confined to
 * it. Sessions outlive connections and live in {@code io.bastionmq.session}.
 */
@NullMarked
package io.bastionmq.connection;

import org.jspecify.annotations.NullMarked;
