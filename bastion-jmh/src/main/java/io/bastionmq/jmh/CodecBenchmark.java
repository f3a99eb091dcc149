package io.bastionmq.jmh;

import io.bastionmq.codec.decode.PacketDecoder;
import io.bastionmq.codec.encode.PacketEncoder;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Packet;
import io.bastionmq.codec.wire.FixedHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Decode, encode and encoded size of each packet type, as the broker does them per packet: the
 * fixed header from the first bytes, then the body from a slice of the same buffer; encoding into
 * a pooled direct buffer sized by {@link PacketEncoder#encodedSize}, as a channel write would.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CodecBenchmark {
    @Param({"PUBLISH_V3_QOS0", "PUBLISH_V3_QOS1", "PUBLISH_V5_QOS1_PROPS", "CONNECT_V3", "CONNECT_V5",
            "SUBSCRIBE_V3", "SUBSCRIBE_V5", "PUBACK_V3", "PUBACK_V5"})
    public String packet;

    private MqttVersion version;
    private Packet decoded;
    private ByteBuf wire;
    private ByteBuf out;

    @Setup(Level.Trial)
    public void setUp() {
        Packets p = Packets.valueOf(packet);
        version = p.version;
        decoded = p.packet;
        byte[] bytes = p.wire();
        wire = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
        out = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length);
        // The round trip must hold, or the figures would measure something else.
        Packet back = decode();
        if (!Objects.equals(back, decoded)) {
            throw new IllegalStateException(packet + " does not survive a round trip: " + back + " != " + decoded);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        wire.release();
        out.release();
    }

    /** readFixedHeader + decode of the body slice. */
    @Benchmark
    public Packet decode() {
        FixedHeader header = Objects.requireNonNull(PacketDecoder.readFixedHeader(wire, Integer.MAX_VALUE));
        ByteBuf body = wire.slice(wire.readerIndex() + header.headerLength(), header.remainingLength());
        return PacketDecoder.decode(header, body, version);
    }

    /** encodedSize + encode, as a write of one packet does. */
    @Benchmark
    public int encode() {
        out.clear();
        out.ensureWritable(PacketEncoder.encodedSize(decoded, version));
        PacketEncoder.encode(decoded, version, out);
        return out.writerIndex();
    }

    /** encodedSize alone. */
    @Benchmark
    public int encodedSize() {
        return PacketEncoder.encodedSize(decoded, version);
    }
}
