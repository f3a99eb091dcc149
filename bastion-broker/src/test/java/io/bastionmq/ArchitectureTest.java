package io.bastionmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the package dependency direction of STYLE.md rule 2: transport → connection →
 * {session, security, limits} → routing → store, config and metrics usable by all, and Netty
 * channels only in transport and connection. Scans import lines, so a violation fails the build
 * with the file and the import.
 */
class ArchitectureTest {
    private static final Path BROKER = Path.of("src/main/java/io/bastionmq");
    private static final Path CODEC = Path.of("../bastion-codec/src/main/java/io/bastionmq/codec");

    /** Packages (under io.bastionmq) a package must not import, with the few deliberate exceptions. */
    private static final Map<String, Set<String>> FORBIDDEN = Map.of(
            "session", Set.of("io.bastionmq.connection", "io.bastionmq.transport", "io.bastionmq.cli"),
            "routing", Set.of("io.bastionmq.session", "io.bastionmq.connection", "io.bastionmq.transport", "io.bastionmq.cli"),
            "store", Set.of("io.bastionmq.session", "io.bastionmq.connection", "io.bastionmq.transport", "io.bastionmq.cli",
                    "io.bastionmq.routing.Router", "io.bastionmq.routing.Subscri", "io.bastionmq.routing.Retained"),
            "config", Set.of("io.bastionmq.session", "io.bastionmq.connection", "io.bastionmq.transport", "io.bastionmq.routing"),
            "connection", Set.of("io.bastionmq.transport", "io.bastionmq.cli"),
            "limits", Set.of("io.bastionmq.session", "io.bastionmq.connection", "io.bastionmq.transport", "io.bastionmq.cli",
                    "io.bastionmq.routing"),
            "metrics", Set.of("io.bastionmq.session", "io.bastionmq.connection", "io.bastionmq.transport"),
            "admin", Set.of("io.bastionmq.session", "io.bastionmq.connection", "io.bastionmq.transport", "io.bastionmq.cli",
                    "io.bastionmq.routing", "io.bastionmq.store"));

    @Test
    void packagesDependOnlyInTheDirectionOfThePipeline() {
        assertThat(javaFiles(BROKER.resolve("session"))).as("sources found").isNotEmpty();
        List<String> violations = new ArrayList<>();
        FORBIDDEN.forEach((pkg, forbidden) -> {
            for (Path file : javaFiles(BROKER.resolve(pkg))) {
                for (String imp : imports(file)) {
                    for (String f : forbidden) {
                        if (imp.startsWith(f)) {
                            violations.add(file + " imports " + imp);
                        }
                    }
                }
            }
        });
        assertThat(violations).as("imports against the dependency direction").isEmpty();
    }

    @Test
    void onlyTransportAndConnectionUseNettyChannels() {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles(BROKER)) {
            String rel = BROKER.relativize(file).toString();
            if (rel.startsWith("transport") || rel.startsWith("connection")) {
                continue;
            }
            for (String imp : imports(file)) {
                if (imp.startsWith("io.netty.channel")) {
                    violations.add(file + " imports " + imp);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void codecKnowsNeitherChannelsNorTheBroker() {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles(CODEC)) {
            for (String imp : imports(file)) {
                if (imp.startsWith("io.netty.channel") || (imp.startsWith("io.bastionmq.") && !imp.startsWith("io.bastionmq.codec"))) {
                    violations.add(file + " imports " + imp);
                }
            }
        }
        assertThat(javaFiles(CODEC)).isNotEmpty();
        assertThat(violations).isEmpty();
    }

    private static List<Path> javaFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> imports(Path file) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(l -> l.startsWith("import "))
                    .map(l -> l.substring(l.startsWith("import static ") ? 14 : 7).replace(";", "").trim())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
