package io.bastionmq.codec.decode;

import io.bastionmq.codec.packet.Disconnect;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.reason.DisconnectReason;
import io.bastionmq.codec.wire.PropertyContext;
import io.netty.buffer.ByteBuf;

/**
 * DISCONNECT (MQTT5 3.14, MQTT-3.14).
 *
 * <pre>
 *   3.1.1:  nothing                                   remaining length exactly 0
 *   MQTT 5: 0 bytes = Normal disconnection; 1 = reason code; 2 or more = reason code | properties
 *           (MQTT5 3.14.2.1, 3.14.2.2.1)
 * </pre>
 */
final class DisconnectDecoder {
    private DisconnectDecoder() {}

    static Disconnect decode(ByteBuf in, MqttVersion version) {
        if (!version.isV5()) {
            Fields.requireEnd(in, "DISCONNECT"); // MQTT-3.14.2, 3.14.3: no variable header, no payload
            return Disconnect.NORMAL;
        }
        if (!in.isReadable()) {
            return Disconnect.NORMAL;
        }
        int code = Fields.readByte(in, "disconnect reason code");
        DisconnectReason reason = DisconnectReason.fromValue(code);
        if (reason == null) {
            throw Violations.malformed("MQTT5 3.14.2.1", "unknown DISCONNECT reason code 0x" + Integer.toHexString(code));
        }
        Properties properties = in.isReadable() ? PropertiesDecoder.decode(in, PropertyContext.DISCONNECT) : Properties.EMPTY;
        Fields.requireEnd(in, "DISCONNECT");
        return new Disconnect(reason, properties);
    }
}
