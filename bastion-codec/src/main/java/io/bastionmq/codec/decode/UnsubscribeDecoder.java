package io.bastionmq.codec.decode;

import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.Unsubscribe;
import io.bastionmq.codec.wire.PropertyContext;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * UNSUBSCRIBE (MQTT5 3.10, MQTT-3.10).
 *
 * <pre>
 *   packet id (2) | [v5 properties] | { topic filter (string) } ...
 * </pre>
 */
final class UnsubscribeDecoder {
    private UnsubscribeDecoder() {}

    static Unsubscribe decode(ByteBuf in, MqttVersion version) {
        int packetId = Fields.readPacketId(in, version);
        Properties properties = version.isV5() ? PropertiesDecoder.decode(in, PropertyContext.UNSUBSCRIBE) : Properties.EMPTY;
        if (!in.isReadable()) {
            throw Violations.protocolError(version, "MQTT-3.10.3-2", "UNSUBSCRIBE without a topic filter");
        }
        List<String> filters = new ArrayList<>();
        while (in.isReadable()) {
            filters.add(Fields.readString(in, "topic filter"));
        }
        return new Unsubscribe(packetId, filters, properties);
    }
}
