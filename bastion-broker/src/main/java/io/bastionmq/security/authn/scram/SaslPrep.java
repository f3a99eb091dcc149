package io.bastionmq.security.authn.scram;

import java.text.Normalizer;

/**
 * {@code Normalize(str)} of RFC 5802 §2.2: the SASLprep mapping (RFC 4013 §2.1) followed by NFKC.
 * Non-ASCII spaces become U+0020 (RFC 3454 C.1.2), and characters "commonly mapped to nothing" are
 * removed (B.1). The prohibited-output and bidirectional checks of RFC 4013 §2.3–2.4 are not
 * applied: like PostgreSQL, the broker then uses the mapped string as it is rather than refusing
 * the password, so every password that can be enrolled also works with SCRAM. ASCII passwords
 * are unchanged.
 */
public final class SaslPrep {
    private SaslPrep() {}

    public static String prepare(String text) {
        StringBuilder mapped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (nonAsciiSpace(cp)) {
                mapped.append(' ');
            } else if (!mappedToNothing(cp)) {
                mapped.appendCodePoint(cp);
            }
        }
        return Normalizer.normalize(mapped, Normalizer.Form.NFKC);
    }

    /** RFC 3454 Table C.1.2. */
    private static boolean nonAsciiSpace(int cp) {
        return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }

    /** RFC 3454 Table B.1. */
    private static boolean mappedToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D) || (cp >= 0x200C && cp <= 0x200D)
                || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF;
    }
}
