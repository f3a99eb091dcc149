package io.bastionmq.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HexTest {

    @Test
    void parsesWithOrWithoutSpacesInAnyCase() {
        assertThat(Hex.parse("10 0C\n00 04")).containsExactly(0x10, 0x0c, 0x00, 0x04);
        assertThat(Hex.parse("ff7f")).containsExactly(0xff, 0x7f);
        assertThat(Hex.parse("")).isEmpty();
    }

    @Test
    void formatsLowerCasePairsThatParseBack() {
        byte[] bytes = {0x00, (byte) 0xab, 0x7f, (byte) 0x80};
        assertThat(Hex.format(bytes)).isEqualTo("00 ab 7f 80");
        assertThat(Hex.parse(Hex.format(bytes))).isEqualTo(bytes);
        assertThat(Hex.format(bytes, 1, 2)).isEqualTo("ab 7f");
    }

    @Test
    void rejectsOddLengthAndNonHexDigits() {
        assertThatThrownBy(() -> Hex.parse("1 0 0")).hasMessageContaining("odd");
        assertThatThrownBy(() -> Hex.parse("0g")).hasMessageContaining("'g'");
    }
}
