package io.bastionmq.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The kit must share no code with the codec or the broker: a misreading of the spec that the
 * codec's decoder and encoder share would otherwise pass every black-box test.
 */
class IndependenceTest {

    @Test
    void mainSourcesImportNothingFromOtherBastionModules() throws IOException {
        Path sources = Path.of("src/main/java");
        assertThat(sources).isDirectory();
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> offending = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(IndependenceTest::lines)
                    .filter(line -> line.matches(".*: import\\s+(static\\s+)?io\\.bastionmq\\..*")
                            && !line.contains("io.bastionmq.testkit."))
                    .toList();
            assertThat(offending).isEmpty();
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().map(line -> file.getFileName() + ": " + line.strip());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
