package io.bastionmq.it.connect;

import static io.bastionmq.testkit.Packets.binary;
import static io.bastionmq.testkit.Packets.concat;
import static io.bastionmq.testkit.Packets.u16;
import static io.bastionmq.testkit.Packets.utf8;

import io.bastionmq.testkit.Packets;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A CONNECT written byte by byte from the specification, with every field a test may want to get
 * wrong: protocol name and level, reserved flag, will, user name and password. {@link Packets}
 * covers only the plain case.
 *
 * <pre>
 *   10 rl | name (utf8) | level | flags | keep alive (u16) | [v5 props]
 *         | client id | [v5 will props] will topic | will payload | user name | password
 *   flags: 7 user name, 6 password, 5 will retain, 4-3 will QoS, 2 will, 1 clean start, 0 reserved
 * </pre>
 */
final class RawConnect {
    private String protocolName = "MQTT";
    private int level;
    private final String clientId;
    private boolean cleanStart = true;
    private int keepAlive = 60;
    private byte[] props = new byte[0];
    private @Nullable String willTopic;
    private byte[] willPayload = new byte[0];
    private int willQos;
    private boolean willRetain;
    private byte[] willProps = new byte[0];
    private @Nullable String username;
    private byte @Nullable [] password;
    private boolean reservedFlag;

    private RawConnect(int level, String clientId) {
        this.level = level;
        this.clientId = clientId;
    }

    static RawConnect v5(String clientId) {
        return new RawConnect(Packets.LEVEL_5, clientId);
    }

    static RawConnect v311(String clientId) {
        return new RawConnect(Packets.LEVEL_311, clientId);
    }

    /** MQTT 3.1: protocol name "MQIsdp", level 3. */
    static RawConnect v31(String clientId) {
        return new RawConnect(3, clientId).protocol("MQIsdp", 3);
    }

    RawConnect protocol(String name, int protocolLevel) {
        this.protocolName = name;
        this.level = protocolLevel;
        return this;
    }

    RawConnect cleanStart(boolean v) { cleanStart = v; return this; }
    RawConnect keepAlive(int seconds) { keepAlive = seconds; return this; }
    RawConnect reservedFlag() { reservedFlag = true; return this; }

    /** MQTT 5 CONNECT properties, concatenated {@link Packets#property} values. */
    RawConnect properties(byte[]... concatenated) { props = concat(concatenated); return this; }

    /** Session Expiry Interval (0x11), a Four Byte Integer. */
    RawConnect sessionExpiry(long seconds) {
        props = concat(props, Packets.property(0x11, Packets.u32(seconds)));
        return this;
    }

    RawConnect will(String topic, String payload, int qos, boolean retain) {
        this.willTopic = topic;
        this.willPayload = payload.getBytes(StandardCharsets.UTF_8);
        this.willQos = qos;
        this.willRetain = retain;
        return this;
    }

    /** MQTT 5 will properties (3.1.3.2), concatenated {@link Packets#property} values. */
    RawConnect willProperties(byte[]... concatenated) { willProps = concat(concatenated); return this; }

    RawConnect username(String name) { username = name; return this; }
    RawConnect password(String secret) { password = secret.getBytes(StandardCharsets.UTF_8); return this; }

    byte[] bytes() {
        boolean v5 = level == Packets.LEVEL_5;
        int flags = (username != null ? 0x80 : 0) | (password != null ? 0x40 : 0)
                | (willTopic != null ? 0x04 | willQos << 3 | (willRetain ? 0x20 : 0) : 0)
                | (cleanStart ? 0x02 : 0) | (reservedFlag ? 0x01 : 0);
        byte[] will = willTopic == null ? new byte[0]
                : concat(v5 ? Packets.properties(willProps) : new byte[0], utf8(willTopic), binary(willPayload));
        return Packets.packet(0x10, utf8(protocolName), Packets.bytes(level, flags), u16(keepAlive),
                v5 ? Packets.properties(props) : new byte[0], utf8(clientId), will,
                username != null ? utf8(username) : new byte[0],
                password != null ? binary(password) : new byte[0]);
    }
}
