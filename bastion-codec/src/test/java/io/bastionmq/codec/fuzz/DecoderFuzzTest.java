package io.bastionmq.codec.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.bastionmq.codec.decode.PacketDecoder;
import io.bastionmq.codec.reason.ProtocolViolation;
import io.bastionmq.codec.encode.PacketEncoder;
import io.bastionmq.codec.packet.Connect;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Packet;
import io.bastionmq.codec.wire.FixedHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * THREATS.md C20: whatever bytes arrive, the strict decoder returns a packet, asks for more bytes
 * (null) or throws {@link ProtocolViolation}. Any other throwable (IndexOutOfBounds,
 * IllegalArgument, NullPointer, OutOfMemory) is a bug. Every packet it accepts must survive the
 * encoder and decode again to an equal packet, so that encoder and decoder agree on what MQTT is.
 *
 * <p>In a normal build this replays the YAML vectors and the findings committed under
 * {@code DecoderFuzzTestInputs/}; with {@code JAZZER_FUZZ=1} it fuzzes (docs/fuzzing.md).
 */
class DecoderFuzzTest {
    /** The broker's default limit (MqttConfig.MAX_PACKET_SIZE_DEFAULT); the size gate has its own target. */
    private static final int MAX_PACKET_SIZE = 1024 * 1024;

    /** Before CONNECT (null: only CONNECT decodes, then at its own level), and each level after it. */
    private static final List<@Nullable MqttVersion> LEVELS = Arrays.asList(null, MqttVersion.V3_1, MqttVersion.V3_1_1, MqttVersion.V5);

    static Stream<Arguments> vectors() {
        return VectorSeeds.asArguments(bytes -> bytes);
    }

    @MethodSource("vectors")
    @FuzzTest(maxDuration = "30s")
    void decodesOrRejectsAtEveryLevel(byte[] input) {
        for (MqttVersion level : LEVELS) {
            decodeStream(input, level);
        }
    }

    /**
     * Frames and decodes packets one after another, as the broker's frame decoder does, until the
     * bytes run out, a packet is incomplete, or one is rejected.
     */
    private static void decodeStream(byte[] input, @Nullable MqttVersion level) {
        ByteBuf in = Unpooled.wrappedBuffer(input);
        MqttVersion version = level;
        while (in.isReadable()) {
            Packet packet;
            try {
                FixedHeader header = PacketDecoder.readFixedHeader(in, MAX_PACKET_SIZE);
                if (header == null || in.readableBytes() < header.packetSize()) {
                    return;
                }
                assertThat(header.headerLength()).as("fixed header length").isBetween(2, 5);
                in.skipBytes(header.headerLength());
                ByteBuf body = in.readSlice(header.remainingLength());
                packet = PacketDecoder.decode(header, body, version);
                assertThat(body.readableBytes()).as("body bytes left unread by a successful decode of %s", packet).isZero();
            } catch (ProtocolViolation rejected) {
                assertThat(rejected.reason().isError()).as("reason of %s", rejected).isTrue();
                return;
            }
            MqttVersion packetVersion = packet instanceof Connect connect ? connect.version() : version;
            assertThat(packetVersion).as("version of accepted %s", packet).isNotNull();
            assertRoundTrips(packet, packetVersion);
            if (version == null) {
                version = packetVersion;
            }
        }
    }

    /** encode(decode(bytes)) decodes to the same packet, and encodedSize is what encode writes. */
    private static void assertRoundTrips(Packet packet, MqttVersion version) {
        ByteBuf encoded = Unpooled.buffer();
        int size;
        try {
            size = PacketEncoder.encodedSize(packet, version);
            PacketEncoder.encode(packet, version, encoded);
        } catch (IllegalArgumentException refused) {
            throw new AssertionError("the encoder refuses a packet the decoder accepted at " + version + ": " + packet, refused);
        }
        assertThat(encoded.readableBytes()).as("bytes written for %s, against encodedSize", packet).isEqualTo(size);
        Packet again;
        try {
            FixedHeader header = PacketDecoder.readFixedHeader(encoded, MAX_PACKET_SIZE);
            assertThat(header).as("fixed header of re-encoded %s", packet).isNotNull();
            assertThat(header.packetSize()).as("packet size of re-encoded %s", packet).isEqualTo(size);
            encoded.skipBytes(header.headerLength());
            again = PacketDecoder.decode(header, encoded.readSlice(header.remainingLength()), version);
        } catch (ProtocolViolation rejected) {
            throw new AssertionError("the decoder rejects the re-encoding of a packet it accepted at " + version
                    + ": " + packet + " -> " + rejected, rejected);
        }
        assertThat(again).as("re-decoded packet at %s", version).isEqualTo(packet);
    }
}
