package io.bastionmq.codec.decode;

import io.bastionmq.codec.reason.ProtocolViolation;
import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.codec.wire.FixedHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A small deterministic mutation run over the vectors (the Jazzer corpus in miniature): whatever
 * the bytes, the decoder either returns a packet or throws {@link ProtocolViolation}, never an
 * {@code IndexOutOfBoundsException} or another runtime exception.
 */
class DecoderRobustnessTest {
    @Test
    void throwsOnlyProtocolViolationsOnMutatedVectors() {
        List<DecoderVectorsTest.Vector> vectors = DecoderVectorsTest.load();
        SplittableRandom random = new SplittableRandom(20_260_101);
        int decoded = 0;
        for (int round = 0; round < 200; round++) {
            for (DecoderVectorsTest.Vector v : vectors) {
                byte[] bytes = v.bytes().clone();
                int flips = 1 + random.nextInt(3);
                for (int i = 0; i < flips; i++) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
                decoded += tryDecode(bytes, v);
            }
        }
        assertThat(decoded).as("some mutants are still valid packets").isPositive();
    }

    private static int tryDecode(byte[] bytes, DecoderVectorsTest.Vector v) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            FixedHeader header = PacketDecoder.readFixedHeader(in, v.maxPacketSize());
            if (header == null || in.readableBytes() < header.packetSize()) {
                return 0; // the mutant now claims more bytes than it has: a decoder would wait
            }
            in.skipBytes(header.headerLength());
            PacketDecoder.decode(header, in.readSlice(header.remainingLength()), v.version());
            return 1;
        } catch (ProtocolViolation expected) {
            return 0;
        }
    }
}
