package io.bastionmq.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line without a running broker: help, version, argument and configuration errors. */
class MainTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void helpListsTheSubcommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("start", "version");
    }

    @Test
    void startHelpListsItsOptions() {
        assertThat(run("start", "--help")).isZero();
        assertThat(out.toString()).contains("--config", "--dev", "--port", "--ws-port", "--data-dir");
    }

    @Test
    void versionPrintsTheBrokerAndJavaVersions() {
        assertThat(run("version")).isZero();
        assertThat(out.toString()).startsWith("BastionMQ ").contains("Java " + Runtime.version().feature());
        out.getBuffer().setLength(0);
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("BastionMQ ");
    }

    @Test
    void missingSubcommandIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing subcommand");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run("start", "--bogus")).isEqualTo(2);
        assertThat(err.toString()).contains("--bogus");
    }

    @Test
    void devAndConfigCannotBeCombined() {
        assertThat(run("start", "--dev", "--config", "x.yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("--dev and --config cannot be combined");
    }

    @Test
    void portWithoutDevIsAUsageError() {
        assertThat(run("start", "--port", "1884")).isEqualTo(2);
        assertThat(err.toString()).contains("--port applies only with --dev");
        assertThat(run("start", "--ws-port", "8083")).isEqualTo(2);
    }

    @Test
    void dataDirWithDevIsAUsageError() {
        assertThat(run("start", "--dev", "--data-dir", "d")).isEqualTo(2);
        assertThat(err.toString()).contains("--data-dir has no effect with --dev");
    }

    @Test
    void devPortOutOfRangeIsAConfigurationError() {
        assertThat(run("start", "--dev", "--port", "70000")).isEqualTo(2);
        assertThat(err.toString()).startsWith("--dev: port: 70000 is out of range 0..65535").contains("hint:");
    }

    @Test
    void configErrorPrintsTheMessageWithoutAStackTrace() throws Exception {
        Path file = Files.writeString(dir.resolve("bastion.yaml"), "mqtt:\n  maximum_qos: 7\n");
        assertThat(run("start", "--config", file.toString())).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo(file + ": mqtt.maximum_qos: 7 is out of range 0..2\n  hint: use a value from 0 to 2" + System.lineSeparator())
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void missingConfigFileIsAConfigurationError() {
        Path file = dir.resolve("absent.yaml");
        assertThat(run("start", "--config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith(file + ": (file): file not found");
    }
}
