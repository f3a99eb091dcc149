package io.bastionmq.limits;

import io.bastionmq.codec.reason.ConnAckReason;

/**
 * Why a connection is not admitted: the CONNACK reason (MQTT5 3.2.2.2; a 3.1.1 client gets the
 * return code {@code ConnectReturnCode.forV5} maps it to) and a reason string for MQTT 5 clients
 * and the log. The string names the limit, never the ban list's entry or its reason.
 */
public record Refusal(ConnAckReason reason, String why) {}
