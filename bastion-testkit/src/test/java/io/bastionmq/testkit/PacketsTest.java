package io.bastionmq.testkit;

import static io.bastionmq.testkit.Packets.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Expected bytes are written by hand from the specifications, one field per comment. */
class PacketsTest {

    private static byte[] hex(String hex) {
        return Hex.parse(hex);
    }

    @Test
    void connect311MatchesSpec_3_1() {
        assertThat(connect311("a", true, 60)).isEqualTo(hex(
                "10 0d"                    // CONNECT, remaining length 13
                + "00 04 4d 51 54 54"      // protocol name "MQTT"
                + "04"                     // protocol level 4 (3.1.1)
                + "02"                     // connect flags: clean session
                + "00 3c"                  // keep alive 60
                + "00 01 61"));            // client id "a"
    }

    @Test
    void connect311WithoutCleanSessionLeavesFlagsZero() {
        assertThat(connect311("", false, 0)).isEqualTo(hex("10 0c 00 04 4d 51 54 54 04 00 00 00 00 00"));
    }

    @Test
    void connect5DefaultsToCleanStartKeepAlive60NoProperties_3_1_2_11() {
        assertThat(connect5("a")).isEqualTo(hex(
                "10 0e 00 04 4d 51 54 54"
                + "05"                     // protocol level 5
                + "02 00 3c"               // clean start, keep alive 60
                + "00"                     // property length 0
                + "00 01 61"));
    }

    @Test
    void connect5PrefixesThePropertyLength() {
        byte[] sessionExpiry = property(0x11, u32(0xffff_ffffL));
        assertThat(connect5("a", false, 10, sessionExpiry)).isEqualTo(hex(
                "10 13 00 04 4d 51 54 54 05"
                + "00 00 0a"               // no clean start, keep alive 10
                + "05 11 ff ff ff ff"      // properties: length 5, session expiry interval = max
                + "00 01 61"));
    }

    @Test
    void publish311AtQos0HasNoPacketId_3_3_2_2() {
        assertThat(publish311("a/b", 0, false, 7, "hi".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(hex("30 07 00 03 61 2f 62 68 69"));
    }

    @Test
    void publish311AtQos1RetainedCarriesPacketId() {
        assertThat(publish311("t", 1, true, 0x1234, new byte[] {0x01}))
                .isEqualTo(hex("33 06 00 01 74 12 34 01"));
    }

    @Test
    void publish5AtQos2PutsPropertiesAfterPacketId() {
        byte[] payloadFormatUtf8 = property(0x01, bytes(0x01));
        assertThat(publish5("t", 2, false, 1, payloadFormatUtf8, new byte[] {0x7a}))
                .isEqualTo(hex("34 09 00 01 74 00 01 02 01 01 7a"));
    }

    @Test
    void subscribe311UsesReservedFlags0010_3_8_1_1() {
        assertThat(subscribe311(1, "a/#", 1)).isEqualTo(hex("82 08 00 01 00 03 61 2f 23 01"));
    }

    @Test
    void subscribe5PutsPropertiesBeforeTheFilter() {
        assertThat(subscribe5(1, "a/#", 0x24, new byte[0]))
                .isEqualTo(hex("82 09 00 01 00 00 03 61 2f 23 24"));
        assertThat(subscribe5(2, "x", 0x00, property(0x0b, vbi(200))))
                .isEqualTo(hex("82 0a 00 02 03 0b c8 01 00 01 78 00"));
    }

    @Test
    void acknowledgementsHaveRemainingLength2AndPubrelHasFlags0010() {
        assertThat(puback(0x1234)).isEqualTo(hex("40 02 12 34"));
        assertThat(pubrec(1)).isEqualTo(hex("50 02 00 01"));
        assertThat(pubrel(0xffff)).isEqualTo(hex("62 02 ff ff"));
        assertThat(pubcomp(2)).isEqualTo(hex("70 02 00 02"));
    }

    @Test
    void pingAndDisconnect() {
        assertThat(pingreq()).isEqualTo(hex("c0 00"));
        assertThat(disconnect311()).isEqualTo(hex("e0 00"));
        assertThat(disconnect5(0x04)).isEqualTo(hex("e0 01 04"));
    }

    @Test
    void utf8IsLengthPrefixedUtf8Bytes_1_5_4() {
        assertThat(utf8("")).isEqualTo(hex("00 00"));
        assertThat(utf8("é")).isEqualTo(hex("00 02 c3 a9"));
        assertThat(binary(new byte[] {(byte) 0xc0, 0x00})).isEqualTo(hex("00 02 c0 00"));
    }

    @Test
    void fixedWidthIntegersAreBigEndianAndBounded() {
        assertThat(u16(0)).isEqualTo(hex("00 00"));
        assertThat(u16(65535)).isEqualTo(hex("ff ff"));
        assertThat(u32(0x01020304)).isEqualTo(hex("01 02 03 04"));
        assertThatThrownBy(() -> u16(65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> u16(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> u32(0x1_0000_0000L)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void variableByteIntegerBoundaries_1_5_5() {
        assertThat(vbi(0)).isEqualTo(hex("00"));
        assertThat(vbi(127)).isEqualTo(hex("7f"));
        assertThat(vbi(128)).isEqualTo(hex("80 01"));
        assertThat(vbi(16_383)).isEqualTo(hex("ff 7f"));
        assertThat(vbi(16_384)).isEqualTo(hex("80 80 01"));
        assertThat(vbi(2_097_151)).isEqualTo(hex("ff ff 7f"));
        assertThat(vbi(2_097_152)).isEqualTo(hex("80 80 80 01"));
        assertThat(vbi(268_435_455)).isEqualTo(hex("ff ff ff 7f"));
        assertThatThrownBy(() -> vbi(268_435_456)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vbi(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void packetComputesRemainingLengthAcrossEncodingBoundaries_2_1_4() {
        assertRemainingLength(0, "30 00");
        assertRemainingLength(127, "30 7f");
        assertRemainingLength(128, "30 80 01");
        assertRemainingLength(16_383, "30 ff 7f");
        assertRemainingLength(16_384, "30 80 80 01");
    }

    @Test
    void packetConcatenatesPartsInOrder() {
        assertThat(packet(0xa2, u16(5), utf8("x"))).isEqualTo(hex("a2 05 00 05 00 01 78"));
    }

    private static void assertRemainingLength(int bodyLength, String header) {
        byte[] body = new byte[bodyLength];
        Arrays.fill(body, (byte) 0x5a);
        byte[] packet = packet(0x30, body);
        byte[] expectedHeader = hex(header);
        assertThat(packet).hasSize(expectedHeader.length + bodyLength);
        assertThat(Hex.format(packet, 0, expectedHeader.length)).isEqualTo(header);
        assertThat(Arrays.copyOfRange(packet, expectedHeader.length, packet.length)).isEqualTo(body);
    }
}
