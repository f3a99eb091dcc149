package io.bastionmq.testkit;

/** Hex strings as tests write them: {@code "10 0c 00 04 4d 51 54 54"}, any case, spaces optional. */
public final class Hex {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {}

    /** Parses pairs of hex digits; whitespace anywhere is ignored. */
    public static byte[] parse(String hex) {
        String digits = hex.replaceAll("\\s+", "");
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits in \"" + hex + "\"");
        }
        byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (digit(digits.charAt(2 * i), hex) << 4 | digit(digits.charAt(2 * i + 1), hex));
        }
        return bytes;
    }

    /** Lower-case pairs separated by single spaces, the form {@link #parse} reads back. */
    public static String format(byte[] bytes) {
        return format(bytes, 0, bytes.length);
    }

    public static String format(byte[] bytes, int offset, int length) {
        StringBuilder out = new StringBuilder(length * 3);
        for (int i = offset; i < offset + length; i++) {
            if (i > offset) {
                out.append(' ');
            }
            out.append(DIGITS[(bytes[i] >> 4) & 0x0f]).append(DIGITS[bytes[i] & 0x0f]);
        }
        return out.toString();
    }

    private static int digit(char c, String whole) {
        int value = Character.digit(c, 16);
        if (value < 0) {
            throw new IllegalArgumentException("'" + c + "' is not a hex digit in \"" + whole + "\"");
        }
        return value;
    }
}
