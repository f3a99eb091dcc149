package io.bastionmq.codec.packet;

import java.util.List;

/** UNSUBSCRIBE (MQTT5 3.10). {@code filters} is never empty (MQTT-3.10.3-2). */
public record Unsubscribe(int packetId, List<String> filters, Properties properties) implements Packet {
    public Unsubscribe {
        filters = List.copyOf(filters);
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBSCRIBE;
    }
}
