package io.bastionmq.session;

import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Packet;
import io.bastionmq.codec.reason.DisconnectReason;
import io.bastionmq.store.QueuedMessage;

/**
 * The session's view of the network connection it is attached to. Implemented by the connection
 * layer, so that sessions know nothing of Netty. Every method may be called from any thread: the
 * implementation hands the work to the connection's event loop, preserving call order.
 */
public interface ClientLink {
    MqttVersion version();

    /** Sends an application message; {@code packetId} is 0 for QoS 0. */
    void deliver(QueuedMessage message, int packetId, boolean dup);

    /** Sends a control packet (PUBREL on resume, acks). */
    void send(Packet packet);

    /** False while the socket's outbound buffer is above its high-water mark. */
    boolean isWritable();

    /** The client's Receive Maximum (MQTT5 3.1.2.11.3): QoS 1/2 messages it accepts unacknowledged. */
    int receiveMaximum();

    /** Closes the connection, telling an MQTT 5 client why (MQTT5 3.14). */
    void disconnect(DisconnectReason reason);
}
