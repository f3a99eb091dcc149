/**
 * A minimal MQTT client on raw Netty and {@code bastion-codec}: just enough protocol to load a
 * broker (CONNECT, SUBSCRIBE, PUBLISH at QoS 0..2, keep-alive) at a small fraction of the CPU a
 * general-purpose client costs. Every callback runs on the connection's event loop.
 */
@NullMarked
package io.bastionmq.bench.client;

import org.jspecify.annotations.NullMarked;
