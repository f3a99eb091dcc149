package io.bastionmq.codec.decode;

import io.bastionmq.codec.reason.ProtocolViolation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bastionmq.codec.wire.StrictUtf8;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictUtf8Test {
    @ParameterizedTest
    @ValueSource(strings = {
            "",                 // empty
            "612f62",           // a/b
            "c3a9",             // U+00E9, smallest-but-one two-byte lead c3
            "c280",             // U+0080, the first two-byte character
            "e0a080",           // U+0800, the first three-byte character
            "ed9fbf",           // U+D7FF, just below the surrogates
            "ee8080",           // U+E000, just above the surrogates
            "efbbbf",           // U+FEFF, BOM (kept, MQTT-1.5.4-3)
            "efbfbf",           // U+FFFF, a non-character: SHOULD NOT, accepted
            "f0908080",         // U+10000, the first four-byte character
            "f48fbfbf",         // U+10FFFF, the last code point
            "017f",             // control characters U+0001 and U+007F: accepted
            "c29f"})            // U+009F, a C1 control character: accepted
    void acceptsWellFormedStrings(String hex) {
        assertThat(StrictUtf8.isValid(HexFormat.of().parseHex(hex))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "00",               // U+0000 (MQTT-1.5.4-2)
            "6100",             // U+0000 after ASCII
            "c3a900",           // U+0000 after non-ASCII
            "80",               // stray continuation byte
            "c0af", "c180",     // overlong two-byte forms
            "e080af",           // overlong three-byte form
            "f08080af",         // overlong four-byte form
            "eda080", "edbfbf", // surrogates U+D800, U+DFFF (MQTT-1.5.4-1)
            "f4908080",         // U+110000
            "f5808080", "fe", "ff",
            "c3",               // truncated two-byte sequence
            "e282",             // truncated three-byte sequence
            "f09f98",           // truncated four-byte sequence
            "c341",             // lead byte followed by ASCII
            "e28241"})          // third byte not a continuation
    void rejectsIllFormedStrings(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        assertThat(StrictUtf8.isValid(bytes)).isFalse();
        assertThatThrownBy(() -> StrictUtf8.decode(Unpooled.wrappedBuffer(bytes), bytes.length, "test"))
                .isInstanceOf(ProtocolViolation.class);
    }

    @Test
    void decodesSupplementaryCharactersAndKeepsTheBom() {
        byte[] bytes = "\uFEFFé😀".getBytes(StandardCharsets.UTF_8);
        assertThat(StrictUtf8.decode(Unpooled.wrappedBuffer(bytes), bytes.length, "test")).isEqualTo("\uFEFFé😀");
    }

    @Test
    void rejectsLengthBeyondTheBuffer() {
        assertThatThrownBy(() -> StrictUtf8.decode(Unpooled.wrappedBuffer(new byte[] {'a'}), 2, "test"))
                .isInstanceOf(ProtocolViolation.class);
    }
}
