package io.bastionmq.codec.decode;

import io.bastionmq.codec.reason.ProtocolViolation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.wire.FixedHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plays every vector of {@code src/test/resources/vectors/*.yaml} through the pure decoder. The
 * same files are replayed over a socket by {@code bastion-it} and seed the fuzzer, so the schema
 * (name, version, hex, valid | error, optional max_packet_size) is fixed.
 */
class DecoderVectorsTest {
    static final List<String> FILES = List.of(
            "FIXED_HEADER", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL", "PUBCOMP",
            "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT", "AUTH");
    static final int DEFAULT_MAX_PACKET_SIZE = 268_435_460;

    record Vector(String file, String name, @Nullable MqttVersion version, byte[] bytes, @Nullable Integer error, int maxPacketSize) {
        @Override
        public String toString() {
            return file + ": " + name;
        }
    }

    static List<Vector> load() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Vector> vectors = new ArrayList<>();
        for (String file : FILES) {
            try (InputStream in = DecoderVectorsTest.class.getResourceAsStream("/vectors/" + file + ".yaml")) {
                if (in == null) {
                    throw new IllegalStateException("missing vectors/" + file + ".yaml");
                }
                for (JsonNode node : yaml.readTree(in)) {
                    vectors.add(toVector(file, node));
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read vectors/" + file + ".yaml", e);
            }
        }
        return vectors;
    }

    private static Vector toVector(String file, JsonNode node) {
        String name = node.path("name").asText();
        boolean valid = node.path("valid").asBoolean(false);
        JsonNode error = node.get("error");
        if (valid == (error != null)) {
            throw new IllegalStateException(file + ": '" + name + "' needs exactly one of valid: true and error:");
        }
        byte[] bytes = HexFormat.of().parseHex(node.path("hex").asText().replace(" ", ""));
        int max = node.has("max_packet_size") ? node.get("max_packet_size").asInt() : DEFAULT_MAX_PACKET_SIZE;
        return new Vector(file, name, version(node.path("version").asText()), bytes, error == null ? null : code(error), max);
    }

    private static @Nullable MqttVersion version(String text) {
        return switch (text) {
            case "5" -> MqttVersion.V5;
            case "3.1.1" -> MqttVersion.V3_1_1;
            case "3.1" -> MqttVersion.V3_1;
            case "none" -> null;
            default -> throw new IllegalStateException("unknown version '" + text + "'");
        };
    }

    /** YAML 1.1 reads 0x81 as a number; tolerate a quoted "0x81" too. */
    private static int code(JsonNode error) {
        return error.isNumber() ? error.asInt() : Integer.decode(error.asText());
    }

    static Stream<Arguments> vectors() {
        return load().stream().map(v -> Arguments.of(v));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decodesAsTheVectorSays(Vector vector) {
        ByteBuf in = Unpooled.wrappedBuffer(vector.bytes());
        if (vector.error() == null) {
            decode(vector, in);
            assertThat(in.readableBytes()).as("bytes after the packet").isZero();
        } else {
            assertThatThrownBy(() -> decode(vector, in))
                    .isInstanceOf(ProtocolViolation.class)
                    .satisfies(t -> assertThat(((ProtocolViolation) t).reason().value())
                            .as("reason code of %s", t)
                            .isEqualTo(vector.error()));
        }
    }

    private static void decode(Vector vector, ByteBuf in) {
        FixedHeader header = PacketDecoder.readFixedHeader(in, vector.maxPacketSize());
        if (header == null) {
            fail("vector holds an incomplete fixed header");
            return;
        }
        in.skipBytes(header.headerLength());
        if (in.readableBytes() < header.remainingLength()) {
            fail("vector holds " + in.readableBytes() + " body bytes, header says " + header.remainingLength());
        }
        ByteBuf body = in.readSlice(header.remainingLength());
        PacketDecoder.decode(header, body, vector.version());
        assertThat(body.readableBytes()).as("body bytes left by the decoder").isZero();
    }

    @Test
    void everyPacketTypeHasValidAndInvalidVectors() {
        List<Vector> all = load();
        assertThat(all).hasSizeGreaterThanOrEqualTo(150);
        for (String file : FILES) {
            assertThat(all).as(file).anyMatch(v -> v.file().equals(file) && v.error() != null);
            if (!file.equals("FIXED_HEADER")) {
                assertThat(all).as(file).anyMatch(v -> v.file().equals(file) && v.error() == null);
            }
        }
    }
}
