package io.bastionmq.codec.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.bastionmq.codec.decode.PacketDecoder;
import io.bastionmq.codec.reason.ProtocolViolation;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.wire.FixedHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The size gate (MQTT5 3.1.2.11.4, STYLE rule 7): under a small maximum packet size, no packet
 * larger than the limit is ever returned, and the verdict comes from the fixed header alone, before
 * a byte of the body is buffered. The declared size is computed here independently of the codec.
 *
 * <p>Input layout: byte 0 sets the limit ({@code 2 + byte}, so 2..257 bytes), the rest is the
 * stream of packets.
 */
class SizeGateFuzzTest {
    private static final int PACKET_TOO_LARGE = 0x95;
    private static final int LIMIT_BASE = 2;
    /** Results of {@link #declaredPacketSize} that are not sizes. */
    private static final long INCOMPLETE = -1;
    private static final long MALFORMED_LENGTH = -2;

    /** Each vector under the limit 2 + 0x20 = 34 bytes: some fit, some are refused. */
    static Stream<Arguments> vectors() {
        return VectorSeeds.asArguments(bytes -> {
            byte[] seed = new byte[bytes.length + 1];
            seed[0] = 0x20;
            System.arraycopy(bytes, 0, seed, 1, bytes.length);
            return seed;
        });
    }

    @MethodSource("vectors")
    @FuzzTest(maxDuration = "30s")
    void neverReturnsAPacketAboveTheLimit(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int limit = LIMIT_BASE + (input[0] & 0xFF);
        ByteBuf in = Unpooled.wrappedBuffer(input, 1, input.length - 1);
        while (in.isReadable()) {
            long declared = declaredPacketSize(in);
            FixedHeader header;
            try {
                header = PacketDecoder.readFixedHeader(in, limit);
            } catch (ProtocolViolation v) {
                if (v.reason().value() == PACKET_TOO_LARGE) {
                    assertThat(declared).as("size of a packet refused as too large under %d", limit).isGreaterThan(limit);
                    assertVerdictFromHeaderAlone(in, limit, declared);
                }
                return;
            }
            if (header == null) {
                assertThat(declared).as("a complete fixed header returned null").isEqualTo(INCOMPLETE);
                return;
            }
            assertThat(header.packetSize()).as("packet size against the declared size").isEqualTo(declared);
            assertThat(header.packetSize()).as("packet returned under the limit %d", limit).isLessThanOrEqualTo(limit);
            assertVerdictFromHeaderAlone(in, limit, declared);
            if (in.readableBytes() < header.packetSize()) {
                return;
            }
            in.skipBytes(header.headerLength());
            ByteBuf body = in.readSlice(header.remainingLength());
            try {
                PacketDecoder.decode(header, body, MqttVersion.V5);
            } catch (ProtocolViolation rejected) {
                return;
            }
        }
    }

    /** Given only the fixed header's bytes, readFixedHeader reaches the same verdict. */
    private static void assertVerdictFromHeaderAlone(ByteBuf in, int limit, long declared) {
        int headerLength = Math.min(in.readableBytes(), 5);
        ByteBuf headerOnly = in.slice(in.readerIndex(), headerLength);
        if (declared > limit) {
            assertThatThrownBy(() -> PacketDecoder.readFixedHeader(headerOnly, limit))
                    .as("verdict on the fixed header alone, limit %d", limit)
                    .isInstanceOfSatisfying(ProtocolViolation.class,
                            v -> assertThat(v.reason().value()).isEqualTo(PACKET_TOO_LARGE));
        } else {
            assertThat(PacketDecoder.readFixedHeader(headerOnly, limit)).as("fixed header alone, limit %d", limit).isNotNull();
        }
    }

    /**
     * 1 + length of the remaining length + its value (MQTT5 1.5.5), INCOMPLETE when the bytes end
     * inside the remaining length, MALFORMED_LENGTH when it runs past four bytes.
     */
    private static long declaredPacketSize(ByteBuf in) {
        long value = 0;
        for (int i = 0; i < 4; i++) {
            int index = in.readerIndex() + 1 + i;
            if (index >= in.writerIndex()) {
                return INCOMPLETE;
            }
            int b = in.getUnsignedByte(index);
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return 1 + (i + 1) + value;
            }
        }
        return MALFORMED_LENGTH;
    }
}
