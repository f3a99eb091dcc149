package io.bastionmq.bench.client;

import io.bastionmq.codec.packet.Publish;

/** What one connection reports to the run that owns it. Every call comes on the connection's event loop. */
public interface ClientListener {
    ClientListener NONE = new ClientListener() {};

    /** A PUBLISH from the broker; the client has already queued its PUBACK or PUBREC. */
    default void onPublish(Publish publish) {}

    /** A QoS 1 or 2 publish of ours completed (PUBACK, or PUBCOMP), or was refused ({@code error}). */
    default void onAcknowledged(boolean error) {}

    /** The outbound buffer drained below its low water mark: writing may resume. */
    default void onWritable() {}

    /** The connection failed or the broker closed it; not called after {@link MqttClient#disconnect()}. */
    default void onClosed(Throwable cause) {}
}
