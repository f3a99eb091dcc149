package io.bastionmq.codec.decode;

import io.bastionmq.codec.reason.ProtocolViolation;
import io.bastionmq.codec.packet.Connect;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Payload;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.QoS;
import io.bastionmq.codec.packet.Will;
import io.bastionmq.codec.reason.ConnAckReason;
import io.bastionmq.codec.wire.PropertyContext;
import io.netty.buffer.ByteBuf;

/**
 * CONNECT (MQTT5 3.1, MQTT-3.1). Every violation carries a {@link ConnAckReason}, so that the
 * connection can answer with a CONNACK where the protocol level allows one.
 *
 * <pre>
 *   protocol name (string) | level (byte) | flags (byte) | keep alive (2) | [v5 properties]
 *   flags: | user 7 | password 6 | will retain 5 | will QoS 4-3 | will 2 | clean start 1 | reserved 0 |
 *   payload: client id | [v5 will properties, will topic, will payload] | [user name] | [password]
 * </pre>
 */
final class ConnectDecoder {
    private static final int USER_NAME = 0x80;
    private static final int PASSWORD = 0x40;
    private static final int WILL_RETAIN = 0x20;
    private static final int WILL_QOS = 0x18;
    private static final int WILL = 0x04;
    private static final int CLEAN_START = 0x02;
    private static final int RESERVED = 0x01;

    private ConnectDecoder() {}

    static Connect decode(ByteBuf in) {
        String protocolName = Fields.readString(in, "protocol name");
        int level = Fields.readByte(in, "protocol level");
        MqttVersion version = MqttVersion.of(protocolName, level);
        if (version == null) {
            boolean knownName = protocolName.equals("MQTT") || protocolName.equals("MQIsdp");
            // MQTT-3.1.2-2 (known name, other level); MQTT-3.1.2-1, MQTT5 3.1.2.1 (unknown name).
            throw new ProtocolViolation(ConnAckReason.UNSUPPORTED_PROTOCOL_VERSION, knownName ? "MQTT-3.1.2-2" : "MQTT-3.1.2-1",
                    "protocol " + protocolName + " level " + level + " not supported");
        }
        int flags = Fields.readByte(in, "connect flags");
        checkFlags(flags, version);
        int keepAlive = Fields.readShort(in, "keep alive");
        Properties properties = version.isV5() ? PropertiesDecoder.decode(in, PropertyContext.CONNECT) : Properties.EMPTY;

        String clientId = Fields.readString(in, "client identifier"); // MQTT-3.1.3-3: always present
        Will will = (flags & WILL) != 0 ? readWill(in, flags, version) : null;
        String userName = (flags & USER_NAME) != 0 ? Fields.readString(in, "user name") : null; // MQTT-3.1.2-17
        Payload password = (flags & PASSWORD) != 0 ? Fields.readBinary(in, "password") : null; // MQTT-3.1.2-19
        Fields.requireEnd(in, "CONNECT"); // MQTT-3.1.2-16, -18: no field for a flag that is 0
        return new Connect(version, clientId, (flags & CLEAN_START) != 0, keepAlive, userName, password, will, properties);
    }

    private static void checkFlags(int flags, MqttVersion version) {
        if ((flags & RESERVED) != 0) {
            throw malformed("MQTT-3.1.2-3", "reserved connect flag set");
        }
        if ((flags & WILL) == 0) {
            if ((flags & WILL_QOS) != 0) {
                throw malformed("MQTT-3.1.2-13", "will QoS set without will flag"); // MQTT-3.1.2-11 in MQTT 5
            }
            if ((flags & WILL_RETAIN) != 0) {
                throw malformed("MQTT-3.1.2-15", "will retain set without will flag"); // MQTT-3.1.2-13 in MQTT 5
            }
        } else if ((flags & WILL_QOS) == WILL_QOS) {
            throw malformed("MQTT-3.1.2-14", "will QoS 3"); // MQTT-3.1.2-12 in MQTT 5
        }
        if (!version.isV5() && (flags & PASSWORD) != 0 && (flags & USER_NAME) == 0) {
            // MQTT-3.1.2-22; MQTT 5 allows a password without a user name (MQTT5 3.1.2.9).
            throw malformed("MQTT-3.1.2-22", "password flag without user name flag");
        }
    }

    private static Will readWill(ByteBuf in, int flags, MqttVersion version) {
        Properties properties = version.isV5() ? PropertiesDecoder.decode(in, PropertyContext.WILL) : Properties.EMPTY;
        String topic = Fields.readString(in, "will topic");
        // MQTT5 3.1.3.3: the will topic is a topic name, so it is at least one character long
        // (MQTT-4.7.3-1) and has no wildcards (MQTT-3.3.2-2).
        if (topic.isEmpty() || topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            ConnAckReason reason = version.isV5() ? ConnAckReason.TOPIC_NAME_INVALID : ConnAckReason.MALFORMED_PACKET;
            throw new ProtocolViolation(reason, topic.isEmpty() ? "MQTT-4.7.3-1" : "MQTT-3.3.2-2",
                    "will topic '" + topic + "' is not a valid topic name");
        }
        Payload payload = Fields.readBinary(in, "will payload");
        QoS qos = QoS.fromValue((flags & WILL_QOS) >>> 3);
        if (qos == null) {
            throw malformed("MQTT-3.1.2-14", "will QoS 3");
        }
        return new Will(topic, payload, qos, (flags & WILL_RETAIN) != 0, properties);
    }

    private static ProtocolViolation malformed(String clause, String message) {
        return new ProtocolViolation(ConnAckReason.MALFORMED_PACKET, clause, message);
    }
}
