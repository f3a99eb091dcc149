package io.bastionmq.codec.encode;

import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.PacketType;
import io.bastionmq.codec.packet.Publish;
import io.bastionmq.codec.packet.QoS;
import io.bastionmq.codec.wire.PropertyContext;
import io.netty.buffer.ByteBuf;

/**
 * PUBLISH (MQTT5 3.3, MQTT-3.3 in 3.1.1), the hot path: the broker encodes a message once per
 * protocol version and shape, and shares the bytes between subscribers (patching the packet id).
 *
 * <pre>
 *   byte 1: | 0011 | DUP | QoS (2 bits) | RETAIN |          MQTT5 3.3.1
 *   remaining length
 *   topic name (UTF-8 string)                              MQTT5 3.3.2.1
 *   packet identifier (2 bytes), only when QoS &gt; 0       MQTT5 3.3.2.2
 *   property length + properties, MQTT 5 only              MQTT5 3.3.2.3
 *   payload: the rest of the packet, no length prefix      MQTT5 3.3.3
 * </pre>
 *
 * A 3.1.1 subscriber gets the same record with its properties left out, so the broker can build
 * one Publish per message and encode it for subscribers of either version.
 */
final class PublishEncoder {
    private PublishEncoder() {}

    static int encodedSize(Publish publish, MqttVersion version) {
        int topicLength = checkedTopicLength(publish, version);
        int propertiesSize = version.isV5() ? PropertiesEncoder.size(publish.properties(), PropertyContext.PUBLISH) : 0;
        return FixedHeaderEncoder.packetSize(remainingLength(publish, version, topicLength, propertiesSize));
    }

    /**
     * Where the packet identifier starts in the encoded packet: after the fixed header and the
     * topic name (MQTT5 3.3.2). Lets the broker encode a message once and patch the two id bytes
     * per subscriber. Only for QoS 1 and 2, which carry an id.
     */
    static int packetIdOffset(Publish publish, MqttVersion version) {
        if (publish.qos() == QoS.AT_MOST_ONCE) {
            throw new IllegalArgumentException("a QoS 0 PUBLISH has no packet identifier (MQTT-2.2.1-2)");
        }
        int topicLength = checkedTopicLength(publish, version);
        int propertiesSize = version.isV5() ? PropertiesEncoder.size(publish.properties(), PropertyContext.PUBLISH) : 0;
        int remaining = remainingLength(publish, version, topicLength, propertiesSize);
        return FixedHeaderEncoder.packetSize(remaining) - remaining + 2 + topicLength;
    }

    static int encode(Publish publish, MqttVersion version, ByteBuf out) {
        int topicLength = checkedTopicLength(publish, version);
        int propertiesSize = version.isV5() ? PropertiesEncoder.size(publish.properties(), PropertyContext.PUBLISH) : 0;
        int remaining = remainingLength(publish, version, topicLength, propertiesSize);

        int size = FixedHeaderEncoder.write(out, firstByte(publish), remaining);
        DataTypes.writeUtf8(out, publish.topic(), topicLength);
        if (publish.qos() != QoS.AT_MOST_ONCE) {
            out.writeShort(publish.packetId());
        }
        if (version.isV5()) {
            PropertiesEncoder.write(out, publish.properties(), propertiesSize);
        }
        publish.payload().writeTo(out);
        return size;
    }

    private static int firstByte(Publish publish) {
        return PacketType.PUBLISH.value() << 4
                | (publish.dup() ? 0b1000 : 0)
                | publish.qos().value() << 1
                | (publish.retain() ? 0b0001 : 0);
    }

    private static int remainingLength(Publish publish, MqttVersion version, int topicLength, int propertiesSize) {
        long remaining = 2L + topicLength + publish.payload().size();
        if (publish.qos() != QoS.AT_MOST_ONCE) {
            remaining += 2;
        }
        if (version.isV5()) {
            remaining += PropertiesEncoder.sectionSize(propertiesSize);
        }
        return FixedHeaderEncoder.remainingLength(remaining);
    }

    /** Checks the header rules a receiver enforces, then measures the topic. */
    private static int checkedTopicLength(Publish publish, MqttVersion version) {
        if (publish.qos() == QoS.AT_MOST_ONCE) {
            if (publish.dup()) {
                throw new IllegalArgumentException("DUP must be 0 for QoS 0 (MQTT-3.3.1-2)");
            }
        } else {
            DataTypes.checkPacketId(publish.packetId());
        }
        if (publish.topic().isEmpty()) {
            // MQTT-4.7.3-1; MQTT 5 allows an empty topic only with a Topic Alias (MQTT5 3.3.2.3.4).
            if (!version.isV5() || publish.properties().topicAlias() == null) {
                throw new IllegalArgumentException("empty topic name without a topic alias (MQTT-4.7.3-1)");
            }
        }
        return DataTypes.utf8Length(publish.topic());
    }
}
