package io.bastionmq.codec.packet;

/**
 * PUBLISH (MQTT5 3.3). {@code topic} may be empty only in MQTT 5 when a topic alias is set
 * (MQTT5 3.3.2.3.4). {@code packetId} is 0 for QoS 0 and 1..65535 otherwise.
 */
public record Publish(
        String topic,
        QoS qos,
        boolean retain,
        boolean dup,
        int packetId,
        Payload payload,
        Properties properties) implements Packet {
    @Override
    public PacketType type() {
        return PacketType.PUBLISH;
    }
}
