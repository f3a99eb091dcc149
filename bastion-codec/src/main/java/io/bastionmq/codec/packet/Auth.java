package io.bastionmq.codec.packet;

import io.bastionmq.codec.reason.AuthReason;

/** AUTH (MQTT5 3.15), MQTT 5 only: the exchange of enhanced authentication. */
public record Auth(AuthReason reason, Properties properties) implements Packet {
    @Override
    public PacketType type() {
        return PacketType.AUTH;
    }
}
