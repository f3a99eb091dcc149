/**
 * Abuse resistance (THREATS.md T6, controls C14 to C18): token buckets, admission of new
 * connections (global and per-address counts, connect rate, bans, overload), the durable ban list,
 * flapping detection and memory watermarks. Plain classes: the Netty stages that apply them live
 * in {@code transport} ({@code AdmissionHandler}, {@code InboundRateLimiter}), the CONNECT-time
 * checks in {@code connection}.
 */
@NullMarked
package io.bastionmq.limits;

import org.jspecify.annotations.NullMarked;
