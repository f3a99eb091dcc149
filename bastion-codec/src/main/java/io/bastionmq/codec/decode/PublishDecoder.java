package io.bastionmq.codec.decode;

import io.bastionmq.codec.reason.ProtocolViolation;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Payload;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.Publish;
import io.bastionmq.codec.packet.QoS;
import io.bastionmq.codec.reason.DisconnectReason;
import io.bastionmq.codec.wire.PropertyContext;
import io.netty.buffer.ByteBuf;

/**
 * PUBLISH (MQTT5 3.3, MQTT-3.3).
 *
 * <pre>
 *   fixed header flags: | DUP 3 | QoS 2-1 | RETAIN 0 |
 *   topic name (string) | [packet id (2), QoS &gt; 0 only] | [v5 properties] | payload (the rest)
 * </pre>
 */
final class PublishDecoder {
    private PublishDecoder() {}

    static Publish decode(int flags, ByteBuf in, MqttVersion version) {
        boolean dup = (flags & 0x08) != 0;
        boolean retain = (flags & 0x01) != 0;
        QoS qos = QoS.fromValue((flags >>> 1) & 0x03);
        if (qos == null) {
            throw Violations.malformed("MQTT-3.3.1-4", "PUBLISH with QoS 3");
        }
        if (dup && qos == QoS.AT_MOST_ONCE) {
            throw Violations.malformed("MQTT-3.3.1-2", "DUP set on a QoS 0 PUBLISH");
        }
        String topic = Fields.readString(in, "topic name");
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            throw new ProtocolViolation(DisconnectReason.TOPIC_NAME_INVALID, "MQTT-3.3.2-2", "wildcard in topic name '" + topic + "'");
        }
        int packetId = qos == QoS.AT_MOST_ONCE ? 0 : Fields.readPacketId(in, version); // MQTT-2.2.1-2: none for QoS 0
        Properties properties = version.isV5() ? PropertiesDecoder.decode(in, PropertyContext.PUBLISH) : Properties.EMPTY;
        if (topic.isEmpty()) {
            if (!version.isV5()) {
                throw Violations.malformed("MQTT-4.7.3-1", "empty topic name");
            }
            if (properties.topicAlias() == null) {
                // MQTT5 3.3.2.3.4: a zero length topic name stands for the topic of a Topic Alias.
                throw Violations.protocolError("MQTT5 3.3.2.3.4", "empty topic name without topic alias");
            }
        }
        // MQTT5 3.3.3: the payload is whatever the remaining length leaves; copied once, out of the network buffer.
        Payload payload = Payload.readFrom(in, in.readableBytes());
        return new Publish(topic, qos, retain, dup, packetId, payload, properties);
    }
}
