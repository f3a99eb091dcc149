package io.bastionmq.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the fields of a packet body in order, by the data representations of MQTT5 1.5 and the
 * property types of MQTT5 2.2.2.2 (Table 2-4), written from the specification and independent of
 * the broker's codec. A body that is too short fails with an {@link AssertionError} naming the
 * position, so a test shows what the broker sent wrong.
 */
public final class WireReader {
    private final byte[] data;
    private int at;

    public WireReader(byte[] data) {
        this(data, 0);
    }

    public WireReader(byte[] data, int from) {
        this.data = data;
        this.at = from;
    }

    /** One property as read: Integer (byte, two-byte, variable byte integer), Long (four-byte), String, byte[], or String[2] for a User Property. */
    public record Property(int id, Object value) {
        @Override
        public String toString() {
            return String.format("0x%02x=%s", id, switch (value) {
                case byte[] b -> Arrays.toString(b);
                case String[] s -> Arrays.toString(s);
                default -> value.toString();
            });
        }
    }

    public int position() {
        return at;
    }

    public int remaining() {
        return data.length - at;
    }

    public int u8() {
        need(1);
        return data[at++] & 0xff;
    }

    public int u16() {
        return u8() << 8 | u8();
    }

    public long u32() {
        return (long) u16() << 16 | u16();
    }

    /** A Variable Byte Integer (MQTT5 1.5.5). */
    public int vbi() {
        int value = 0;
        for (int shift = 0; shift < 28; shift += 7) {
            int digit = u8();
            value |= (digit & 0x7f) << shift;
            if ((digit & 0x80) == 0) {
                return value;
            }
        }
        throw new AssertionError("malformed variable byte integer");
    }

    /** Binary Data (MQTT5 1.5.6): a two-byte length, then the bytes. */
    public byte[] binary() {
        int length = u16();
        need(length);
        byte[] out = Arrays.copyOfRange(data, at, at + length);
        at += length;
        return out;
    }

    /** A UTF-8 Encoded String (MQTT5 1.5.4). */
    public String string() {
        return new String(binary(), StandardCharsets.UTF_8);
    }

    public void skip(int n) {
        need(n);
        at += n;
    }

    /** Everything not read yet (a PUBLISH payload). */
    public byte[] rest() {
        byte[] out = Arrays.copyOfRange(data, at, data.length);
        at = data.length;
        return out;
    }

    /** A property list with its length in front (MQTT5 2.2.2), in wire order. */
    public List<Property> properties() {
        int length = vbi();
        int end = at + length;
        if (end > data.length) {
            throw new AssertionError("property length " + length + " runs past the packet at " + at);
        }
        List<Property> out = new ArrayList<>();
        while (at < end) {
            int id = vbi();
            Object value = switch (id) {
                case 0x01, 0x17, 0x19, 0x24, 0x25, 0x28, 0x29, 0x2a -> u8();
                case 0x02, 0x11, 0x18, 0x27 -> u32();
                case 0x03, 0x08, 0x12, 0x15, 0x1a, 0x1c, 0x1f -> string();
                case 0x09, 0x16 -> binary();
                case 0x0b -> vbi();
                case 0x13, 0x21, 0x22, 0x23 -> u16();
                case 0x26 -> new String[] {string(), string()};
                default -> throw new AssertionError(String.format("unknown property 0x%02x", id));
            };
            out.add(new Property(id, value));
        }
        if (at != end) {
            throw new AssertionError("property list overruns its length " + length);
        }
        return out;
    }

    /** {@link #properties()} grouped by identifier: id → values in wire order. */
    public Map<Integer, List<Object>> propertyMap() {
        Map<Integer, List<Object>> map = new LinkedHashMap<>();
        for (Property p : properties()) {
            map.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(p.value());
        }
        return map;
    }

    private void need(int n) {
        if (at + n > data.length) {
            throw new AssertionError("packet too short: needed " + n + " more bytes at " + at + " of " + data.length);
        }
    }
}
