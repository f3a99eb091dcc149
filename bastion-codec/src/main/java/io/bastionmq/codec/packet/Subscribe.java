package io.bastionmq.codec.packet;

import java.util.List;

/** SUBSCRIBE (MQTT5 3.8). {@code subscriptions} is never empty (MQTT-3.8.3-3). */
public record Subscribe(int packetId, List<Subscription> subscriptions, Properties properties) implements Packet {
    public Subscribe {
        subscriptions = List.copyOf(subscriptions);
    }

    @Override
    public PacketType type() {
        return PacketType.SUBSCRIBE;
    }
}
