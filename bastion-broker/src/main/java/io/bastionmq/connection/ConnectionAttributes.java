package io.bastionmq.connection;

import io.bastionmq.codec.packet.MqttVersion;
import io.netty.util.AttributeKey;

/** Channel attributes the transport's codec adapters read. */
public final class ConnectionAttributes {
    /** The protocol level of the connection, set from its CONNECT; the encoder writes packets for it. */
    public static final AttributeKey<MqttVersion> VERSION = AttributeKey.valueOf("bastion.mqtt.version");

    private ConnectionAttributes() {}
}
