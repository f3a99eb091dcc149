/** MQTT over WebSocket (MQTT5 6.0): binary frames carry the byte stream, subprotocol "mqtt". */
@NullMarked
package io.bastionmq.transport.websocket;

import org.jspecify.annotations.NullMarked;
