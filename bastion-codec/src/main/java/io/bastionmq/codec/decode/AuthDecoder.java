package io.bastionmq.codec.decode;

import io.bastionmq.codec.packet.Auth;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.reason.AuthReason;
import io.bastionmq.codec.wire.PropertyContext;
import io.netty.buffer.ByteBuf;

/**
 * AUTH (MQTT5 3.15), MQTT 5 only.
 *
 * <pre>
 *   0 bytes = Success, no properties (MQTT5 3.15.2.1)
 *   otherwise: reason code (1) | properties (must name the Authentication Method)
 * </pre>
 *
 * Unlike DISCONNECT and the publish acknowledgements, AUTH has no form with a reason code but no
 * property length: the specification omits both or neither, so one byte alone is malformed.
 */
final class AuthDecoder {
    private static final Auth SUCCESS = new Auth(AuthReason.SUCCESS, Properties.EMPTY);

    private AuthDecoder() {}

    static Auth decode(ByteBuf in, MqttVersion version) {
        if (!version.isV5()) {
            // MQTT-2.2.1 Table 2.1: type 15 is reserved in 3.1.1.
            throw Violations.malformed("MQTT-2.2.1", "AUTH is reserved in MQTT 3.1.1");
        }
        if (!in.isReadable()) {
            return SUCCESS;
        }
        int code = Fields.readByte(in, "authenticate reason code");
        AuthReason reason = AuthReason.fromValue(code);
        if (reason == null) {
            throw Violations.malformed("MQTT-3.15.2-1", "unknown AUTH reason code 0x" + Integer.toHexString(code));
        }
        Properties properties = PropertiesDecoder.decode(in, PropertyContext.AUTH);
        Fields.requireEnd(in, "AUTH");
        if (properties.authenticationMethod() == null) {
            throw Violations.protocolError("MQTT5 3.15.2.2.2", "AUTH without authentication method");
        }
        return new Auth(reason, properties);
    }
}
