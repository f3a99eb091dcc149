package io.bastionmq.it.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.testkit.BrokerProcess;
import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.Packets;
import io.bastionmq.testkit.RawClient;
import io.bastionmq.testkit.RawPacket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bastion start} as a user runs it: its own JVM, exit codes, and what it prints. */
class CliIT {
    private static final String MAIN = "io.bastionmq.cli.Main";

    @TempDir
    Path dir;

    @Test
    @DisplayName("An unknown key is refused: exit 2, stderr names the file, the key path and a did-you-mean hint")
    void refusesUnknownKeyWithFileKeyAndHint() throws Exception {
        Path config = write("""
                listeners:
                  - name: local
                    port: 0
                    allow_anonymous: true
                mqtt:
                  max_packet_sise: 1000
                """);
        Cli run = run("start", "--config", config.toString());

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.stderr)
                .contains(config.toString())
                .contains("mqtt.max_packet_sise")
                .contains("unknown key")
                .contains("hint: did you mean 'max_packet_size'?");
        assertThat(run.stdout).doesNotContain("listening on");
    }

    @Test
    @DisplayName("An out-of-range value is refused: exit 2, stderr names the file, the indexed key path and a hint")
    void refusesInvalidValueWithFileKeyAndHint() throws Exception {
        Path config = write("""
                listeners:
                  - name: local
                    port: 70000
                    allow_anonymous: true
                """);
        Cli run = run("start", "--config", config.toString());

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.stderr)
                .contains(config.toString() + ": listeners[0].port")
                .contains("70000")
                .contains("hint:");
    }

    @Test
    @DisplayName("start --dev --port N runs a working broker on 127.0.0.1:N and warns that it is insecure")
    void devModeStartsWorkingBrokerWithInsecureWarning() throws Exception {
        int port = BrokerProcess.freePort();
        Path stdout = dir.resolve("dev.out");
        Path stderr = dir.resolve("dev.err");
        Process process = new ProcessBuilder(command("start", "--dev", "--port", Integer.toString(port)))
                .directory(dir.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        try {
            awaitLine(process, stdout, "listening on tcp://127.0.0.1:" + port);
            try (RawClient sub = RawClient.connect("127.0.0.1", port);
                    RawClient pub = RawClient.connect("127.0.0.1", port)) {
                sub.send(Packets.connect311("dev-sub", true, 60)).expectConnAck(0x00);
                sub.send(Packets.subscribe311(1, "dev/t", 0)).expect(PacketType.SUBACK);
                pub.send(Packets.connect311("dev-pub", true, 60)).expectConnAck(0x00);
                pub.send(Packets.publish311("dev/t", 0, false, 0, "hello".getBytes(StandardCharsets.UTF_8)));
                RawPacket p = sub.expect(PacketType.PUBLISH);
                assertThat(PublishBody.payloadText(p, false)).isEqualTo("hello");
            }
            assertThat(Files.readString(stderr)).contains("WARNING: DEVELOPMENT MODE").contains("INSECURE");
        } finally {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    @DisplayName("start on an empty durable store prints the generated admin password once; a restart prints nothing")
    void firstStartPrintsTheAdminPasswordOnce() throws Exception {
        int port = BrokerProcess.freePort();
        Path config = write("""
                listeners:
                  - name: local
                    bind: 127.0.0.1
                    port: %d
                """.formatted(port));
        String first = startAndStop(config, port, "first");
        Path file = dir.resolve("data").resolve("admin-password");
        String password = Files.readString(file).strip();
        assertThat(first).contains("created user 'admin' (admin) with password: " + password).contains(file.toString());
        String second = startAndStop(config, port, "second");
        assertThat(second).doesNotContain("created user").doesNotContain(password);
        assertThat(Files.readString(file).strip()).isEqualTo(password);
    }

    /** Runs {@code start --config} until it listens, stops it, and returns what it printed on stdout. */
    private String startAndStop(Path config, int port, String name) throws Exception {
        Path stdout = dir.resolve(name + ".out");
        Process process = new ProcessBuilder(command("start", "--config", config.toString()))
                .directory(dir.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(dir.resolve(name + ".err").toFile())
                .start();
        try {
            awaitLine(process, stdout, "listening on tcp://127.0.0.1:" + port); // printed after the admin lines
        } finally {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        return Files.readString(stdout);
    }

    private Path write(String yaml) throws IOException {
        Path config = dir.resolve("bastion.yaml");
        Files.writeString(config, yaml);
        return config;
    }

    private record Cli(int exitCode, String stdout, String stderr) {}

    private Cli run(String... args) throws Exception {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(command(args))
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("bastion " + String.join(" ", args) + " did not exit within 30 s\n" + Files.readString(err));
        }
        return new Cli(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static List<String> command(String... args) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), MAIN));
        command.addAll(List.of(args));
        return command;
    }

    /** Waits (at most 30 s, the JVM start included) until the file holds the line. */
    private static void awaitLine(Process process, Path file, String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.readString(file).contains(line)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("exited with " + process.exitValue() + " before printing '" + line + "'");
            }
            // Polling a file: there is nothing to block on for another process's output.
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + line + "' within 30 s: " + Files.readString(file));
    }
}
