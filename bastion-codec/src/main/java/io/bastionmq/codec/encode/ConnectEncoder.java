package io.bastionmq.codec.encode;

import io.bastionmq.codec.packet.Connect;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.PacketType;
import io.bastionmq.codec.packet.Payload;
import io.bastionmq.codec.packet.Will;
import io.bastionmq.codec.wire.PropertyContext;
import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * CONNECT (MQTT5 3.1, MQTT-3.1 in 3.1.1), written by bridges and test clients:
 *
 * <pre>
 *   0x10 | remaining length
 *   protocol name: "MQTT" (3.1.1, 5) or "MQIsdp" (3.1)     MQTT5 3.1.2.1
 *   protocol level: 5, 4 or 3                              MQTT5 3.1.2.2
 *   connect flags:                                          MQTT5 3.1.2.3
 *     | user name | password | will retain | will QoS (2) | will | clean start | reserved 0 |
 *   keep alive (2 bytes)                                    MQTT5 3.1.2.10
 *   property length + properties, MQTT 5 only               MQTT5 3.1.2.11
 *   payload: client id | [will properties (5)] will topic | will payload (binary)
 *            | [user name] | [password (binary)]            MQTT5 3.1.3
 * </pre>
 */
final class ConnectEncoder {
    private ConnectEncoder() {}

    static int encodedSize(Connect connect, MqttVersion version) {
        check(connect, version);
        int propertiesSize = version.isV5() ? PropertiesEncoder.size(connect.properties(), PropertyContext.CONNECT) : 0;
        int willPropertiesSize = willPropertiesSize(connect.will(), version);
        return FixedHeaderEncoder.packetSize(remainingLength(connect, version, propertiesSize, willPropertiesSize));
    }

    static int encode(Connect connect, MqttVersion version, ByteBuf out) {
        check(connect, version);
        int propertiesSize = version.isV5() ? PropertiesEncoder.size(connect.properties(), PropertyContext.CONNECT) : 0;
        int willPropertiesSize = willPropertiesSize(connect.will(), version);
        int remaining = remainingLength(connect, version, propertiesSize, willPropertiesSize);

        int size = FixedHeaderEncoder.write(out, FixedHeaderEncoder.firstByte(PacketType.CONNECT), remaining);
        DataTypes.writeUtf8(out, version.protocolName());
        out.writeByte(version.level());
        out.writeByte(flags(connect));
        out.writeShort(connect.keepAliveSeconds());
        if (version.isV5()) {
            PropertiesEncoder.write(out, connect.properties(), propertiesSize);
        }
        DataTypes.writeUtf8(out, connect.clientId());
        Will will = connect.will();
        if (will != null) {
            if (version.isV5()) {
                PropertiesEncoder.write(out, will.properties(), willPropertiesSize);
            }
            DataTypes.writeUtf8(out, will.topic());
            DataTypes.writeBinary(out, will.payload());
        }
        String username = connect.username();
        if (username != null) {
            DataTypes.writeUtf8(out, username);
        }
        Payload password = connect.password();
        if (password != null) {
            DataTypes.writeBinary(out, password);
        }
        return size;
    }

    private static void check(Connect connect, MqttVersion version) {
        if (connect.version() != version) {
            throw new IllegalArgumentException("CONNECT for " + connect.version() + " encoded as " + version);
        }
        if (connect.keepAliveSeconds() < 0 || connect.keepAliveSeconds() > DataTypes.MAX_TWO_BYTE) {
            throw new IllegalArgumentException("keep alive must be 0..65535 (MQTT5 3.1.2.10): " + connect.keepAliveSeconds());
        }
        if (!version.isV5() && connect.password() != null && connect.username() == null) {
            throw new IllegalArgumentException("a password needs a user name before MQTT 5 (MQTT-3.1.2-22)");
        }
    }

    private static int willPropertiesSize(@Nullable Will will, MqttVersion version) {
        return will != null && version.isV5() ? PropertiesEncoder.size(will.properties(), PropertyContext.WILL) : 0;
    }

    private static int remainingLength(Connect connect, MqttVersion version, int propertiesSize, int willPropertiesSize) {
        long remaining = DataTypes.utf8Size(version.protocolName()) + 1 + 1 + 2;
        if (version.isV5()) {
            remaining += PropertiesEncoder.sectionSize(propertiesSize);
        }
        remaining += DataTypes.utf8Size(connect.clientId());
        Will will = connect.will();
        if (will != null) {
            if (version.isV5()) {
                remaining += PropertiesEncoder.sectionSize(willPropertiesSize);
            }
            remaining += DataTypes.utf8Size(will.topic()) + DataTypes.binarySize(will.payload());
        }
        String username = connect.username();
        if (username != null) {
            remaining += DataTypes.utf8Size(username);
        }
        Payload password = connect.password();
        if (password != null) {
            remaining += DataTypes.binarySize(password);
        }
        return FixedHeaderEncoder.remainingLength(remaining);
    }

    /** Without a will, its QoS and retain bits stay 0 (MQTT-3.1.2-11, -13, -15); bit 0 is reserved (MQTT-3.1.2-3). */
    private static int flags(Connect connect) {
        int flags = 0;
        if (connect.username() != null) {
            flags |= 0b1000_0000;
        }
        if (connect.password() != null) {
            flags |= 0b0100_0000;
        }
        Will will = connect.will();
        if (will != null) {
            flags |= 0b0000_0100 | will.qos().value() << 3 | (will.retain() ? 0b0010_0000 : 0);
        }
        if (connect.cleanStart()) {
            flags |= 0b0000_0010;
        }
        return flags;
    }
}
