/** BastionMQ, a secure-by-default MQTT broker. {@link io.bastionmq.Broker} assembles it. */
@NullMarked
package io.bastionmq;

import org.jspecify.annotations.NullMarked;
