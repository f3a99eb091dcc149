package io.bastionmq.codec.fuzz;

import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The conformance vectors of {@code src/test/resources/vectors/*.yaml} as fuzzer seeds. Every
 * vector, valid or not, is a seed: a rejected packet is one mutation away from an accepted one.
 * The files are read afresh on every run, so a vector added to the YAML seeds the fuzzer at once,
 * with no corpus files to regenerate.
 */
final class VectorSeeds {
    private VectorSeeds() {}

    record Seed(String name, byte[] bytes) {}

    /** Every vector's bytes, named "FILE: vector name". */
    static List<Seed> all() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Seed> seeds = new ArrayList<>();
        for (Path file : vectorFiles()) {
            String fileName = file.getFileName().toString().replace(".yaml", "");
            try {
                for (JsonNode vector : yaml.readTree(file.toFile())) {
                    String hex = vector.path("hex").asText().replace(" ", "");
                    seeds.add(new Seed(fileName + ": " + vector.path("name").asText(), HexFormat.of().parseHex(hex)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return seeds;
    }

    /** The seeds as JUnit arguments for {@code @MethodSource}, each input first passed through {@code shape}. */
    static Stream<Arguments> asArguments(UnaryOperator<byte[]> shape) {
        return all().stream().map(s -> arguments(named(s.name(), shape.apply(s.bytes()))));
    }

    private static List<Path> vectorFiles() {
        URL dir = VectorSeeds.class.getResource("/vectors");
        if (dir == null) {
            throw new IllegalStateException("no vectors/ directory on the test class path");
        }
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad resource URL " + dir, e);
        }
    }
}
