package io.bastionmq.codec.packet;

import org.jspecify.annotations.Nullable;

/**
 * CONNECT (MQTT5 3.1, MQTT-3.1). {@code clientId} may be empty (the server assigns one, or refuses
 * it under 3.1.1 rules). {@code keepAliveSeconds} is 0..65535.
 */
public record Connect(
        MqttVersion version,
        String clientId,
        boolean cleanStart,
        int keepAliveSeconds,
        @Nullable String username,
        @Nullable Payload password,
        @Nullable Will will,
        Properties properties) implements Packet {
    @Override
    public PacketType type() {
        return PacketType.CONNECT;
    }
}
