package io.bastionmq.jmh;

import io.bastionmq.codec.encode.PacketEncoder;
import io.bastionmq.codec.packet.Connect;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Packet;
import io.bastionmq.codec.packet.Payload;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.PubAck;
import io.bastionmq.codec.packet.Publish;
import io.bastionmq.codec.packet.QoS;
import io.bastionmq.codec.packet.Subscribe;
import io.bastionmq.codec.packet.Subscription;
import io.bastionmq.codec.wire.Property;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** The packets the codec benchmark encodes and decodes: typical shapes, 64-byte payloads. */
enum Packets {
    PUBLISH_V3_QOS0(MqttVersion.V3_1_1, publish(QoS.AT_MOST_ONCE, 0, Properties.EMPTY)),
    PUBLISH_V3_QOS1(MqttVersion.V3_1_1, publish(QoS.AT_LEAST_ONCE, 4711, Properties.EMPTY)),
    PUBLISH_V5_QOS1_PROPS(MqttVersion.V5, publish(QoS.AT_LEAST_ONCE, 4711, Properties.builder()
            .set(Property.PAYLOAD_FORMAT_INDICATOR, 1)
            .set(Property.MESSAGE_EXPIRY_INTERVAL, 3600L)
            .set(Property.CONTENT_TYPE, "application/json")
            .set(Property.RESPONSE_TOPIC, "plant/7/line/3/reply")
            .set(Property.CORRELATION_DATA, Payload.utf8("c0ffee-0001"))
            .addUserProperty("tenant", "acme")
            .addUserProperty("trace", "4bf92f3577b34da6")
            .build())),
    CONNECT_V3(MqttVersion.V3_1_1, new Connect(MqttVersion.V3_1_1, "sensor-000123", true, 60, "device-user",
            Payload.utf8("s3cret-passw0rd"), null, Properties.EMPTY)),
    CONNECT_V5(MqttVersion.V5, new Connect(MqttVersion.V5, "sensor-000123", true, 60, "device-user",
            Payload.utf8("s3cret-passw0rd"), null, Properties.builder()
                    .set(Property.SESSION_EXPIRY_INTERVAL, 3600L)
                    .set(Property.RECEIVE_MAXIMUM, 100)
                    .set(Property.TOPIC_ALIAS_MAXIMUM, 16)
                    .build())),
    SUBSCRIBE_V3(MqttVersion.V3_1_1, new Subscribe(17, List.of(
            Subscription.of("plant/7/line/3/temperature", QoS.AT_LEAST_ONCE),
            Subscription.of("plant/+/alarm/#", QoS.AT_MOST_ONCE)), Properties.EMPTY)),
    SUBSCRIBE_V5(MqttVersion.V5, new Subscribe(17, List.of(
            Subscription.of("plant/7/line/3/temperature", QoS.AT_LEAST_ONCE),
            Subscription.of("plant/+/alarm/#", QoS.AT_MOST_ONCE)),
            Properties.builder().addSubscriptionIdentifier(42).build())),
    PUBACK_V3(MqttVersion.V3_1_1, new PubAck(4711)),
    PUBACK_V5(MqttVersion.V5, new PubAck(4711));

    final MqttVersion version;
    final Packet packet;

    Packets(MqttVersion version, Packet packet) {
        this.version = version;
        this.packet = packet;
    }

    /** The packet on the wire, fixed header included. */
    byte[] wire() {
        ByteBuf buf = Unpooled.buffer(PacketEncoder.encodedSize(packet, version));
        PacketEncoder.encode(packet, version, buf);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        return bytes;
    }

    private static Publish publish(QoS qos, int packetId, Properties properties) {
        byte[] payload = new byte[64];
        Arrays.fill(payload, (byte) '7');
        byte[] prefix = "{\"t\":21.5,\"u\":\"C\"}".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, payload, 0, prefix.length);
        return new Publish("plant/7/line/3/temperature", qos, false, false, packetId, Payload.wrap(payload), properties);
    }
}
