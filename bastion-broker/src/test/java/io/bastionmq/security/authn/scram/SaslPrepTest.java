package io.bastionmq.security.authn.scram;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SaslPrepTest {
    @Test
    void leavesAsciiAlone() {
        assertThat(SaslPrep.prepare("pencil Pencil-42!")).isEqualTo("pencil Pencil-42!");
    }

    @Test
    void mapsRfc4013Examples() {
        // RFC 4013 §3: "I<U+00AD>X" → "IX"; U+00AA → "a"; U+2168 → "IX"; non-ASCII space → " ".
        assertThat(SaslPrep.prepare("I\u00ADX")).isEqualTo("IX");
        assertThat(SaslPrep.prepare("\u00AA")).isEqualTo("a");
        assertThat(SaslPrep.prepare("\u2168")).isEqualTo("IX");
        assertThat(SaslPrep.prepare("a\u00A0b")).isEqualTo("a b");
    }
}
