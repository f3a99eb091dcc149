/**
 * Black-box test kit: {@link io.bastionmq.testkit.RawClient}, a byte-level MQTT client over a plain
 * socket, with {@link io.bastionmq.testkit.Packets} to build packets from the spec, and
 * {@link io.bastionmq.testkit.BrokerProcess}, which runs the broker in its own JVM so a test can
 * {@code kill -9} it.
 *
 * <p>Nothing here may import {@code io.bastionmq.codec}: the raw client is a second, independent
 * reading of the specification, so it catches misreadings that our decoder and encoder share.
 */
@NullMarked
package io.bastionmq.testkit;

import org.jspecify.annotations.NullMarked;
