package io.bastionmq.connection;

import io.bastionmq.codec.reason.DisconnectReason;

/**
 * A user event asking the connection to end itself through its single exit ({@code Disconnects}):
 * DISCONNECT with {@code reason} for MQTT 5 (MQTT5 3.14.2.1), a close for 3.1.1. Stages before the
 * connection (the rate limiter) and the ban list use it, so they never write MQTT packets themselves.
 */
public record DisconnectRequest(DisconnectReason reason, String why) {}
