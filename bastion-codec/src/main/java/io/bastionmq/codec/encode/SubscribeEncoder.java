package io.bastionmq.codec.encode;

import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.PacketType;
import io.bastionmq.codec.packet.Subscribe;
import io.bastionmq.codec.packet.Subscription;
import io.bastionmq.codec.wire.PropertyContext;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * SUBSCRIBE (MQTT5 3.8, MQTT-3.8 in 3.1.1):
 *
 * <pre>
 *   0x82 | remaining length                      flags 0b0010 (MQTT-3.8.1-1)
 *   packet identifier (2 bytes)
 *   property length + properties, MQTT 5 only
 *   (topic filter (UTF-8 string) | options (1 byte))+
 *
 *   options, MQTT 5 (3.8.3.1): | 00 | retain handling (2) | RAP | NL | QoS (2) |
 *   options, 3.1.1:            | 000000 | QoS (2) |   (the upper bits are reserved, MQTT-3.8.3-4)
 * </pre>
 */
final class SubscribeEncoder {
    private SubscribeEncoder() {}

    static int encodedSize(Subscribe subscribe, MqttVersion version) {
        int propertiesSize = checkedPropertiesSize(subscribe, version);
        return FixedHeaderEncoder.packetSize(remainingLength(subscribe, version, propertiesSize));
    }

    static int encode(Subscribe subscribe, MqttVersion version, ByteBuf out) {
        int propertiesSize = checkedPropertiesSize(subscribe, version);
        int remaining = remainingLength(subscribe, version, propertiesSize);

        int size = FixedHeaderEncoder.write(out, FixedHeaderEncoder.firstByte(PacketType.SUBSCRIBE), remaining);
        out.writeShort(subscribe.packetId());
        if (version.isV5()) {
            PropertiesEncoder.write(out, subscribe.properties(), propertiesSize);
        }
        List<Subscription> subscriptions = subscribe.subscriptions();
        for (int i = 0; i < subscriptions.size(); i++) {
            Subscription subscription = subscriptions.get(i);
            DataTypes.writeUtf8(out, subscription.filter());
            out.writeByte(options(subscription, version));
        }
        return size;
    }

    private static int checkedPropertiesSize(Subscribe subscribe, MqttVersion version) {
        DataTypes.checkPacketId(subscribe.packetId());
        if (subscribe.subscriptions().isEmpty()) {
            throw new IllegalArgumentException("SUBSCRIBE needs at least one topic filter (MQTT-3.8.3-3)");
        }
        return version.isV5() ? PropertiesEncoder.size(subscribe.properties(), PropertyContext.SUBSCRIBE) : 0;
    }

    private static int remainingLength(Subscribe subscribe, MqttVersion version, int propertiesSize) {
        long remaining = 2;
        if (version.isV5()) {
            remaining += PropertiesEncoder.sectionSize(propertiesSize);
        }
        List<Subscription> subscriptions = subscribe.subscriptions();
        for (int i = 0; i < subscriptions.size(); i++) {
            remaining += DataTypes.utf8Size(subscriptions.get(i).filter()) + 1;
        }
        return FixedHeaderEncoder.remainingLength(remaining);
    }

    private static int options(Subscription subscription, MqttVersion version) {
        int options = subscription.maxQos().value();
        if (version.isV5()) {
            options |= (subscription.noLocal() ? 0b0000_0100 : 0)
                    | (subscription.retainAsPublished() ? 0b0000_1000 : 0)
                    | subscription.retainHandling().value() << 4;
        }
        return options;
    }
}
