package io.bastionmq.codec.encode;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Packet;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;

/** Runs the encoder and compares against hand-written bytes, shown as hex so a diff reads like the wire. */
final class EncodedBytes {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    private EncodedBytes() {}

    static byte[] encode(Packet packet, MqttVersion version) {
        ByteBuf out = Unpooled.buffer();
        try {
            PacketEncoder.encode(packet, version, out);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** The encoding must be exactly {@code expected}, and encodedSize must agree with it. */
    static void assertEncodes(Packet packet, MqttVersion version, int... expected) {
        byte[] actual = encode(packet, version);
        assertThat(hex(actual)).isEqualTo(hex(bytes(expected)));
        assertThat(PacketEncoder.encodedSize(packet, version)).isEqualTo(expected.length);
    }
}
