package io.bastionmq.connection;

import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.security.x509.PeerIdentity;
import io.bastionmq.limits.Refusal;
import io.netty.util.AttributeKey;

/** Channel attributes the transport's codec adapters read. */
public final class ConnectionAttributes {
    /** The protocol level of the connection, set from its CONNECT; the encoder writes packets for it. */
    public static final AttributeKey<MqttVersion> VERSION = AttributeKey.valueOf("bastion.mqtt.version");

    /**
     * Set by the admission stage on a connection it refused; the CONNECT is then answered with
     * this reason (so an MQTT 5 client learns it) and the connection closed.
     */
    public static final AttributeKey<Refusal> ADMISSION_REFUSAL = AttributeKey.valueOf("bastion.admission.refusal");

    /** The verified client certificate, set by the TLS stage when the handshake completes; absent without one. */
    public static final AttributeKey<PeerIdentity> PEER_IDENTITY = AttributeKey.valueOf("bastion.tls.peer");

    private ConnectionAttributes() {}
}
