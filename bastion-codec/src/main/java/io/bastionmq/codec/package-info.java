/**
 * The strict MQTT codec: bytes to {@link io.bastionmq.codec.packet.Packet}s and back, for MQTT 3.1,
 * 3.1.1 and 5.0. It knows {@code ByteBuf} but no channel and nothing of the broker, so that it can
 * be fuzzed and benchmarked alone. It is the security perimeter: every malformed packet is
 * rejected with a {@link io.bastionmq.codec.reason.ProtocolViolation} that names the reason code
 * and the normative statement it breaks.
 */
@NullMarked
package io.bastionmq.codec;

import org.jspecify.annotations.NullMarked;
