package io.bastionmq.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds MQTT packets as raw bytes, written from the 3.1.1 and 5.0 specifications and from nothing
 * else in this repository. It validates only what it must to produce a frame at all (field widths),
 * never the protocol rules, so tests can build packets the broker has to reject.
 *
 * <p>Every {@code properties} argument is the concatenated property list <em>without</em> its length;
 * the builder prefixes the Variable Byte Integer length (MQTT 5 2.2.2.1). Build it with
 * {@link #property} and {@link #concat}.
 */
public final class Packets {

    /** Protocol levels: the byte after the protocol name (3.1.1 3.1.2.2, MQTT 5 3.1.2.2). */
    public static final int LEVEL_311 = 4;
    public static final int LEVEL_5 = 5;

    /** Largest Variable Byte Integer: four bytes, 7 bits each (MQTT 5 1.5.5). */
    public static final int VBI_MAX = 268_435_455;

    private static final byte[] NONE = new byte[0];

    private Packets() {}

    // ---- CONNECT (3.1.1 3.1, MQTT 5 3.1) -------------------------------------------------------
    //
    //   10 rl | 00 04 'M' 'Q' 'T' 'T' | level | flags | keep alive (u16) | [props] | client id (utf8)
    //   flags: bit 1 = clean session / clean start; no will, no user name, no password.

    public static byte[] connect311(String clientId, boolean cleanSession, int keepAlive) {
        return packet(0x10, utf8("MQTT"), bytes(LEVEL_311, cleanSession ? 0x02 : 0x00), u16(keepAlive),
                utf8(clientId));
    }

    public static byte[] connect5(String clientId, boolean cleanStart, int keepAlive, byte[] properties) {
        return packet(0x10, utf8("MQTT"), bytes(LEVEL_5, cleanStart ? 0x02 : 0x00), u16(keepAlive),
                properties(properties), utf8(clientId));
    }

    /** MQTT 5 CONNECT with clean start, keep alive 60 s and no properties. */
    public static byte[] connect5(String clientId) {
        return connect5(clientId, true, 60, NONE);
    }

    // ---- PUBLISH (3.3): 0011 DUP QoS(2) RETAIN | topic | [packet id if QoS > 0] | [props] | payload

    public static byte[] publish311(String topic, int qos, boolean retain, int packetId, byte[] payload) {
        return packet(publishHeader(qos, retain), utf8(topic), qos > 0 ? u16(packetId) : NONE, payload);
    }

    public static byte[] publish5(String topic, int qos, boolean retain, int packetId, byte[] properties,
            byte[] payload) {
        return packet(publishHeader(qos, retain), utf8(topic), qos > 0 ? u16(packetId) : NONE,
                properties(properties), payload);
    }

    // ---- SUBSCRIBE (3.8): fixed header 0x82, the reserved flags 0010 are mandatory [MQTT-3.8.1-1]

    public static byte[] subscribe311(int packetId, String filter, int qos) {
        return packet(0x82, u16(packetId), utf8(filter), bytes(qos));
    }

    /** {@code optionsByte}: QoS in bits 0-1, No Local bit 2, Retain As Published bit 3, Retain Handling bits 4-5. */
    public static byte[] subscribe5(int packetId, String filter, int optionsByte, byte[] properties) {
        return packet(0x82, u16(packetId), properties(properties), utf8(filter), bytes(optionsByte));
    }

    // ---- QoS acknowledgements, 3.1.1 form: remaining length 2, the packet id only.
    //      PUBREL carries flags 0010 [MQTT-3.6.1-1].

    public static byte[] puback(int packetId) {
        return packet(0x40, u16(packetId));
    }

    public static byte[] pubrec(int packetId) {
        return packet(0x50, u16(packetId));
    }

    public static byte[] pubrel(int packetId) {
        return packet(0x62, u16(packetId));
    }

    public static byte[] pubcomp(int packetId) {
        return packet(0x70, u16(packetId));
    }

    public static byte[] pingreq() {
        return packet(0xc0);
    }

    public static byte[] disconnect311() {
        return packet(0xe0);
    }

    /** MQTT 5 DISCONNECT with a reason code and no properties; the length may stop there (3.14.2.2.1). */
    public static byte[] disconnect5(int reason) {
        return packet(0xe0, bytes(reason));
    }

    // ---- Primitives (MQTT 5 1.5) ----------------------------------------------------------------

    /**
     * A whole packet: the first byte as given, then the Remaining Length computed from the parts,
     * then the parts in order.
     */
    public static byte[] packet(int typeAndFlags, byte[]... parts) {
        byte[] body = concat(parts);
        return concat(bytes(typeAndFlags), vbi(body.length), body);
    }

    /** UTF-8 Encoded String: a two-byte big-endian length, then the bytes (1.5.4). */
    public static byte[] utf8(String value) {
        return binary(value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Binary Data: a two-byte length, then the bytes (1.5.6). Also the way to send a string field
     * holding bytes that are not valid UTF-8.
     */
    public static byte[] binary(byte[] value) {
        return concat(u16(value.length), value);
    }

    /** Two Byte Integer, big-endian (1.5.2). */
    public static byte[] u16(int value) {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException("not a two byte integer: " + value);
        }
        return bytes(value >>> 8, value);
    }

    /** Four Byte Integer, big-endian (1.5.3), from an unsigned value up to 4,294,967,295. */
    public static byte[] u32(long value) {
        if (value < 0 || value > 0xffff_ffffL) {
            throw new IllegalArgumentException("not a four byte integer: " + value);
        }
        return bytes((int) (value >>> 24), (int) (value >>> 16), (int) (value >>> 8), (int) value);
    }

    /**
     * Variable Byte Integer (1.5.5): seven bits per byte, least significant group first, the high
     * bit set on every byte but the last. 127 = 7f, 128 = 80 01, 16383 = ff 7f, 16384 = 80 80 01.
     */
    public static byte[] vbi(int value) {
        if (value < 0 || value > VBI_MAX) {
            throw new IllegalArgumentException("not a variable byte integer: " + value);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(4);
        int rest = value;
        do {
            int digit = rest & 0x7f;
            rest >>>= 7;
            out.write(rest > 0 ? digit | 0x80 : digit);
        } while (rest > 0);
        return out.toByteArray();
    }

    /** One property: its identifier as a Variable Byte Integer (2.2.2.2), then the value as given. */
    public static byte[] property(int id, byte[] value) {
        return concat(vbi(id), value);
    }

    /** A property list with its Variable Byte Integer length in front (2.2.2.1). */
    public static byte[] properties(byte[] concatenatedProperties) {
        return concat(vbi(concatenatedProperties.length), concatenatedProperties);
    }

    /** Each int is one byte; only the low eight bits are kept. */
    public static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static int publishHeader(int qos, boolean retain) {
        // QoS 3 is left to pass through: a test may want to send it [MQTT-3.3.1-4].
        return 0x30 | (qos & 0x03) << 1 | (retain ? 0x01 : 0x00);
    }
}
