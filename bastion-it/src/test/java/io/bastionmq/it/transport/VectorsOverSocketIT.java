package io.bastionmq.it.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.bastionmq.it.support.TestBroker;
import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.Packets;
import io.bastionmq.testkit.RawClient;
import io.bastionmq.testkit.RawPacket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every ERROR vector of the codec ({@code bastion-codec/src/test/resources/vectors/*.yaml},
 * schema and semantics of {@code DecoderVectorsTest}) over a real socket, and checks the answer a
 * client sees:
 * <ul>
 *   <li>version "none" (the vector is the first packet): a CONNECT at level 5 gets a CONNACK with the
 *       vector's reason code or a plain close (MQTT5 4.13.1, 3.2.2.2); an unsupported protocol level
 *       gets the 3.1.1 CONNACK {@code 20 02 00 01} [MQTT-3.1.2-2]; anything else a plain close
 *       [MQTT-3.1.0-1, MQTT-4.8.0-1];</li>
 *   <li>version "5", after a good CONNECT: DISCONNECT with the vector's reason code, then close
 *       [MQTT-4.13.1-1];</li>
 *   <li>version "3.1.1"/"3.1": the connection is closed with no packet [MQTT-4.8.0-1].</li>
 * </ul>
 * After every vector, a fresh client must still be served. A vector whose max_packet_size is below
 * what the broker can be configured with (64) is skipped.
 */
class VectorsOverSocketIT {
    static final Path VECTORS = Path.of("../bastion-codec/src/test/resources/vectors");
    /** The decoder runner's default: no limit beyond the protocol's own. */
    static final int DEFAULT_MAX_PACKET_SIZE = 268_435_460;
    /** The smallest max_packet_size the broker accepts (docs/configuration.md). */
    static final int BROKER_MIN_PACKET_SIZE = 64;

    private static final Map<Integer, TestBroker> BROKERS = new HashMap<>();
    private static final AtomicInteger CLIENT_IDS = new AtomicInteger();

    record Vector(String file, String name, String version, byte[] bytes, @Nullable Integer error, int maxPacketSize) {}

    @TestFactory
    Stream<DynamicTest> brokerAnswersEveryErrorVectorAsTheSpecSays() {
        List<Vector> vectors = load(VECTORS);
        assertThat(vectors).as("error vectors in " + VECTORS.toAbsolutePath()).hasSizeGreaterThan(100);
        return vectors.stream()
                .filter(v -> v.error() != null)
                .map(v -> DynamicTest.dynamicTest(v.file() + ": " + v.name(), () -> replay(v)));
    }

    @AfterAll
    static void stopBrokers() {
        BROKERS.values().forEach(TestBroker::close);
        BROKERS.clear();
    }

    private static void replay(Vector v) {
        Assumptions.assumeTrue(v.maxPacketSize() >= BROKER_MIN_PACKET_SIZE,
                "the broker's max_packet_size cannot be set to " + v.maxPacketSize());
        TestBroker broker = BROKERS.computeIfAbsent(v.maxPacketSize(),
                max -> TestBroker.builder().maxPacketSize(max).start());
        int error = v.error();
        try (RawClient client = RawClient.connect("127.0.0.1", broker.port())) {
            switch (v.version()) {
                case "none" -> expectRefusedAsFirstPacket(client, v, error);
                case "5" -> {
                    client.send(Packets.connect5(clientId())).expectConnAck(0x00);
                    client.send(v.bytes());
                    client.expectDisconnect(error); // then closed [MQTT-4.13.1-1]
                }
                case "3.1.1" -> {
                    client.send(Packets.connect311(clientId(), true, 60)).expectConnAck(0x00);
                    client.send(v.bytes());
                    client.expectClosed(); // 3.1.1 has no server DISCONNECT [MQTT-4.8.0-1]
                }
                case "3.1" -> {
                    client.send(connect31(clientId())).expectConnAck(0x00);
                    client.send(v.bytes());
                    client.expectClosed();
                }
                default -> throw new IllegalStateException("unknown version " + v.version());
            }
        }
        assertStillServes(broker);
    }

    /** The vector is the very first packet on the connection, so the broker knows no version yet. */
    private static void expectRefusedAsFirstPacket(RawClient client, Vector v, int error) {
        client.send(v.bytes());
        @Nullable ConnectHeader connect = ConnectHeader.parse(v.bytes());
        if (connect == null) {
            // Not a CONNECT, or not even its protocol level: nothing may be sent before a CONNACK,
            // and there is no version to answer in [MQTT-3.1.0-1].
            client.expectClosed();
            return;
        }
        @Nullable RawPacket answer = packetOrNullIfClosed(client);
        if (answer == null) {
            // A plain close: allowed for every refused CONNECT except an unsupported 3.1.1 level.
            assertThat(error == 0x84 && connect.knownName())
                    .as("an unsupported protocol level must get CONNACK 0x01 [MQTT-3.1.2-2]")
                    .isFalse();
            return;
        }
        assertThat(answer.type()).as("answer to a refused CONNECT: %s", answer).isEqualTo(PacketType.CONNACK);
        RawPacket connack = answer;
        if (error == 0x84 && connect.level() != Packets.LEVEL_5) {
            // 3.1.1 CONNACK "unacceptable protocol version" [MQTT-3.1.2-2]; MQTT 5 allows it too (3.1.2.2).
            assertThat(connack.hex()).isEqualTo("20 02 00 01");
        } else {
            assertThat(connect.level()).as("CONNACK answering a malformed %s CONNECT", connect).isEqualTo(Packets.LEVEL_5);
            assertThat(connack.connackReturnCode()).as("CONNACK reason of %s", connack).isEqualTo(error);
            assertThat(connack.sessionPresent()).as("Session Present on a refused CONNECT [MQTT-3.2.2-6]").isFalse();
        }
        client.expectClosed(); // a refusing CONNACK is followed by the close [MQTT-3.2.2-7]
    }

    /** The next packet, or null if the server closes the connection first; fails on a hang. */
    private static @Nullable RawPacket packetOrNullIfClosed(RawClient client) {
        try {
            return client.readPacket();
        } catch (AssertionError e) {
            if (e.getMessage() != null && e.getMessage().startsWith("connection closed by the server")) {
                return null;
            }
            throw e;
        }
    }

    private static void assertStillServes(TestBroker broker) {
        try (RawClient fresh = RawClient.connect("127.0.0.1", broker.port())) {
            fresh.send(Packets.connect5(clientId())).expectConnAck(0x00);
            fresh.send(Packets.pingreq()).expect(PacketType.PINGRESP);
        }
    }

    private static String clientId() {
        return "vector-" + CLIENT_IDS.incrementAndGet();
    }

    /** MQTT 3.1 CONNECT: protocol name "MQIsdp", level 3, clean session, keep alive 60 s. */
    private static byte[] connect31(String clientId) {
        return Packets.packet(0x10, Packets.utf8("MQIsdp"), Packets.bytes(3, 0x02), Packets.u16(60), Packets.utf8(clientId));
    }

    /** The protocol name and level of a CONNECT, read from the vector's bytes if they hold them. */
    record ConnectHeader(String name, int level) {
        static @Nullable ConnectHeader parse(byte[] b) {
            if (b.length < 2 || (b[0] & 0xf0) != 0x10) {
                return null;
            }
            int at = 1;
            while (at < b.length && at < 5 && (b[at] & 0x80) != 0) {
                at++;
            }
            at++; // the last Remaining Length byte
            if (b.length < at + 2) {
                return null;
            }
            int nameLength = (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
            if (b.length < at + 2 + nameLength + 1) {
                return null;
            }
            String name = new String(b, at + 2, nameLength, StandardCharsets.UTF_8);
            return new ConnectHeader(name, b[at + 2 + nameLength] & 0xff);
        }

        /** "MQTT" or 3.1's "MQIsdp": otherwise the server MAY simply disconnect [MQTT-3.1.2-1]. */
        boolean knownName() {
            return name.equals("MQTT") || name.equals("MQIsdp");
        }
    }

    static List<Vector> load(Path dir) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Vector> vectors = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                String name = file.getFileName().toString().replace(".yaml", "");
                for (JsonNode node : yaml.readTree(file.toFile())) {
                    vectors.add(toVector(name, node));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vectors in " + dir.toAbsolutePath(), e);
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
        Integer code = error == null ? null : error.isNumber() ? error.asInt() : Integer.decode(error.asText());
        return new Vector(file, name, node.path("version").asText(), bytes, code, max);
    }
}
