/**
 * SCRAM (RFC 5802) with SHA-256 and SHA-512 (RFC 7677), server side: the verifiers stored per
 * credential, the message syntax, and the state machine of one exchange. Pure: no Netty, no
 * threads; the connection layer carries the messages in MQTT 5 AUTH packets (MQTT5 4.12).
 */
@NullMarked
package io.bastionmq.security.authn.scram;

import org.jspecify.annotations.NullMarked;
