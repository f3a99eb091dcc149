package io.bastionmq.it.connect;

import io.bastionmq.testkit.Hex;
import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.RawPacket;
import io.bastionmq.testkit.WireReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the MQTT 5 property list of a packet the broker sent, by the types of MQTT5 2.2.2.2
 * (Table 2-4), independently of our codec ({@link WireReader}). Integers of every width are read
 * with {@link #number}, strings with {@link #string}, binary data with {@link #binary}, a User
 * Property as a two-element {@code String[]}.
 */
final class RawProperties {
    static final int PAYLOAD_FORMAT_INDICATOR = 0x01;
    static final int MESSAGE_EXPIRY_INTERVAL = 0x02;
    static final int CONTENT_TYPE = 0x03;
    static final int RESPONSE_TOPIC = 0x08;
    static final int CORRELATION_DATA = 0x09;
    static final int SESSION_EXPIRY_INTERVAL = 0x11;
    static final int ASSIGNED_CLIENT_IDENTIFIER = 0x12;
    static final int SERVER_KEEP_ALIVE = 0x13;
    static final int REASON_STRING = 0x1f;
    static final int RECEIVE_MAXIMUM = 0x21;
    static final int TOPIC_ALIAS_MAXIMUM = 0x22;
    static final int MAXIMUM_QOS = 0x24;
    static final int RETAIN_AVAILABLE = 0x25;
    static final int USER_PROPERTY = 0x26;
    static final int MAXIMUM_PACKET_SIZE = 0x27;
    static final int WILDCARD_SUBSCRIPTION_AVAILABLE = 0x28;
    static final int SUBSCRIPTION_IDENTIFIER_AVAILABLE = 0x29;
    static final int SHARED_SUBSCRIPTION_AVAILABLE = 0x2a;

    private final Map<Integer, List<Object>> values;
    private final String hex;

    private RawProperties(Map<Integer, List<Object>> values, String hex) {
        this.values = values;
        this.hex = hex;
    }

    /** CONNACK: flags, reason code, then the properties (MQTT5 3.2.2.3). */
    static RawProperties ofConnAck(RawPacket connack) {
        require(connack, PacketType.CONNACK);
        return parse(connack, 2);
    }

    /** DISCONNECT: reason code, then the properties, both optional (MQTT5 3.14.2). */
    static RawProperties ofDisconnect(RawPacket disconnect) {
        require(disconnect, PacketType.DISCONNECT);
        return disconnect.body().length < 2 ? new RawProperties(Map.of(), disconnect.hex()) : parse(disconnect, 1);
    }

    /** MQTT 5 PUBLISH: topic, packet id if QoS &gt; 0, then the properties (MQTT5 3.3.2). */
    static RawProperties ofPublish(RawPacket publish) {
        return parse(publish, publishPropertiesOffset(publish));
    }

    /**
     * The packet identifier of a QoS 1 or 2 PUBLISH: the two bytes after the topic name (3.3.2.2).
     * Not {@link RawPacket#packetId()}, which reads the first two body bytes, the topic length.
     */
    static int publishPacketId(RawPacket publish) {
        require(publish, PacketType.PUBLISH);
        if (publish.qos() == 0) {
            throw new AssertionError("a QoS 0 PUBLISH has no packet identifier: " + publish);
        }
        byte[] body = publish.body();
        int at = publishPropertiesOffset(publish) - 2;
        return (body[at] & 0xff) << 8 | (body[at + 1] & 0xff);
    }

    /** The payload of a PUBLISH; {@code v5} says whether a property list precedes it. */
    static String publishPayload(RawPacket publish, boolean v5) {
        byte[] body = publish.body();
        int offset = v5 ? skipProperties(body, publishPropertiesOffset(publish)) : publishPropertiesOffset(publish);
        return new String(body, offset, body.length - offset, StandardCharsets.UTF_8);
    }

    boolean has(int id) {
        return values.containsKey(id);
    }

    long number(int id) {
        return ((Number) single(id)).longValue();
    }

    String string(int id) {
        return (String) single(id);
    }

    byte[] binary(int id) {
        return (byte[]) single(id);
    }

    List<String[]> userProperties() {
        List<String[]> out = new ArrayList<>();
        for (Object o : values.getOrDefault(USER_PROPERTY, List.of())) {
            out.add((String[]) o);
        }
        return out;
    }

    @Override
    public String toString() {
        return hex;
    }

    private Object single(int id) {
        List<Object> v = values.get(id);
        if (v == null) {
            throw new AssertionError(String.format("property 0x%02x absent in %s", id, hex));
        }
        if (v.size() != 1) {
            throw new AssertionError(String.format("property 0x%02x appears %d times in %s", id, v.size(), hex));
        }
        return v.get(0);
    }

    private static int publishPropertiesOffset(RawPacket publish) {
        require(publish, PacketType.PUBLISH);
        byte[] body = publish.body();
        int topicLength = (body[0] & 0xff) << 8 | (body[1] & 0xff);
        return 2 + topicLength + (publish.qos() > 0 ? 2 : 0);
    }

    private static int skipProperties(byte[] body, int offset) {
        WireReader r = new WireReader(body, offset);
        r.skip(r.vbi());
        return r.position();
    }

    private static RawProperties parse(RawPacket packet, int offset) {
        WireReader r = new WireReader(packet.body(), offset);
        Map<Integer, List<Object>> values = r.propertyMap();
        return new RawProperties(values, Hex.format(packet.body(), offset, r.position() - offset));
    }

    private static void require(RawPacket p, int type) {
        if (p.type() != type) {
            throw new AssertionError("expected " + PacketType.name(type) + " but got " + p);
        }
    }
}
