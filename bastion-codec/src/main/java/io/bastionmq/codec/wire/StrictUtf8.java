package io.bastionmq.codec.wire;

import io.bastionmq.codec.reason.ProtocolViolation;
import io.bastionmq.codec.reason.DisconnectReason;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Strict decoding of MQTT UTF-8 Encoded Strings (MQTT5 1.5.4, MQTT-1.5.3 in 3.1.1).
 *
 * <p>What is rejected, as a malformed packet:
 * <ul>
 *   <li>anything that is not well-formed UTF-8 per RFC 3629 / Unicode Table 3-7: stray
 *       continuation bytes, truncated sequences, overlong forms (0xC0, 0xC1, 0xE0 0x80..0x9F,
 *       0xF0 0x80..0x8F), code points above U+10FFFF (0xF4 0x90.., 0xF5..0xFF), and encoded
 *       surrogates U+D800..U+DFFF (0xED 0xA0..0xBF) (MQTT-1.5.4-1, MQTT-1.5.3-1);</li>
 *   <li>U+0000 (MQTT-1.5.4-2, MQTT-1.5.3-2).</li>
 * </ul>
 *
 * <p>What is accepted on purpose: the control characters U+0001..U+001F and U+007F..U+009F and
 * the non-characters (U+FFFF, ...). The specification only says a sender SHOULD NOT send them
 * and a receiver MAY close the connection (MQTT5 1.5.4); rejecting them would break clients
 * that are within the standard, and they are harmless to a broker that treats topics as
 * opaque strings. A BOM (0xEF 0xBB 0xBF, U+FEFF) is kept in the string, never stripped
 * (MQTT-1.5.4-3, MQTT-1.5.3-3).
 *
 * <p>Validation runs first, over the raw bytes; only a sequence already proven well-formed is
 * handed to the JDK's decoder, so its replacement of bad input can never happen. Pure ASCII,
 * the common case for topics and client identifiers, takes a fast path.
 */
public final class StrictUtf8 {
    private StrictUtf8() {}

    /**
     * Reads {@code length} bytes at the reader index as a strict UTF-8 string, advancing the
     * reader index. {@code what} names the field for the log message.
     *
     * @throws ProtocolViolation MALFORMED_PACKET if the bytes run past the buffer or are not a
     *     well-formed MQTT string
     */
    public static String decode(ByteBuf in, int length, String what) {
        if (length > in.readableBytes()) {
            throw malformed("MQTT5 1.5.4", what + ": string of " + length + " bytes runs past the end of the packet");
        }
        if (length == 0) {
            return "";
        }
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        int firstNonAscii = asciiPrefix(bytes, 0, length);
        if (firstNonAscii < 0) {
            // MQTT-1.5.4-2: the ASCII scan also stops at U+0000.
            throw malformed("MQTT-1.5.4-2", what + ": string contains U+0000");
        }
        if (firstNonAscii == length) {
            // ISO-8859-1 maps every byte below 0x80 to the same char, and lets the JDK keep a compact string.
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        int bad = firstInvalid(bytes, firstNonAscii, length);
        if (bad >= 0) {
            throw malformed(bytes[bad] == 0 ? "MQTT-1.5.4-2" : "MQTT-1.5.4-1",
                    what + ": ill-formed UTF-8 or U+0000 at byte " + bad);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * True if {@code bytes} are a well-formed MQTT string by the rules above (used for payloads
     * flagged with Payload Format Indicator 1, MQTT5 3.3.2.3.2).
     */
    public static boolean isValid(byte[] bytes) {
        int start = asciiPrefix(bytes, 0, bytes.length);
        return start >= 0 && (start == bytes.length || firstInvalid(bytes, start, bytes.length) < 0);
    }

    /** Index of the first byte ≥ 0x80 (or {@code end}), or -1 if a 0x00 comes first. */
    private static int asciiPrefix(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] <= 0) {
                return b[i] == 0 ? -1 : i;
            }
        }
        return end;
    }

    /**
     * Index of the first byte of an ill-formed sequence or of a U+0000, or -1 if all is well.
     * The ranges are those of Unicode Table 3-7 (well-formed UTF-8 byte sequences).
     */
    private static int firstInvalid(byte[] b, int from, int end) {
        int i = from;
        while (i < end) {
            int b0 = b[i] & 0xFF;
            if (b0 < 0x80) {
                if (b0 == 0) {
                    return i; // MQTT-1.5.4-2
                }
                i++;
                continue;
            }
            int need;
            int lo = 0x80;
            int hi = 0xBF;
            if (b0 >= 0xC2 && b0 <= 0xDF) {
                need = 1;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                need = 2;
                if (b0 == 0xE0) {
                    lo = 0xA0; // overlong below U+0800
                } else if (b0 == 0xED) {
                    hi = 0x9F; // U+D800..U+DFFF surrogates, MQTT-1.5.4-1
                }
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                need = 3;
                if (b0 == 0xF0) {
                    lo = 0x90; // overlong below U+10000
                } else if (b0 == 0xF4) {
                    hi = 0x8F; // above U+10FFFF
                }
            } else {
                return i; // stray continuation, 0xC0/0xC1 overlong, or 0xF5..0xFF
            }
            if (i + need >= end) {
                return i; // truncated sequence
            }
            int b1 = b[i + 1] & 0xFF;
            if (b1 < lo || b1 > hi) {
                return i;
            }
            for (int k = 2; k <= need; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += need + 1;
        }
        return -1;
    }

    private static ProtocolViolation malformed(String clause, String message) {
        return new ProtocolViolation(DisconnectReason.MALFORMED_PACKET, clause, message);
    }
}
