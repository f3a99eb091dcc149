package io.bastionmq.cli;

import io.bastionmq.security.ca.Pem;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bastion cert issue|revoke|list}, as an operator runs them. */
class CertCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void issueListRevoke() throws Exception {
        String data = dir.resolve("data").toString();
        assertThat(run("cert", "issue", "dev-1", "--data-dir", data, "--days", "7")).isZero();
        Path cert = dir.resolve("data/ca/devices/dev-1.pem");
        assertThat(out.toString()).contains("issued a certificate for dev-1", cert.toString(), "dev-1-key.pem", "ca.pem", "mosquitto_pub");
        assertThat(Pem.readCertificates(cert).get(0).getSubjectX500Principal().getName()).isEqualTo("CN=dev-1");

        assertThat(run("cert", "list", "--data-dir", data)).isZero();
        assertThat(out.toString()).contains("SERIAL", "dev-1", "no");

        assertThat(run("cert", "revoke", "dev-1", "--data-dir", data)).isZero();
        assertThat(out.toString()).contains("revoked dev-1", "crl.pem");
        assertThat(Pem.readCrl(dir.resolve("data/ca/crl.pem")).isRevoked(Pem.readCertificates(cert).get(0))).isTrue();

        assertThat(run("cert", "list", "--data-dir", data)).isZero();
        assertThat(out.toString()).contains("yes, ");
        assertThat(run("cert", "revoke", "dev-1", "--data-dir", data)).isEqualTo(CertCommand.EXIT_FAILED);
        assertThat(err.toString()).contains("no valid certificate matches dev-1");
    }

    @Test
    void issueWritesWhereToldAndRevokeBySerial() throws Exception {
        String data = dir.resolve("data").toString();
        assertThat(run("cert", "issue", "cam-9", "--data-dir", data, "--out", dir.resolve("out").toString())).isZero();
        Path cert = dir.resolve("out/cam-9.pem");
        assertThat(Files.exists(dir.resolve("out/cam-9-key.pem"))).isTrue();
        String serial = Pem.readCertificates(cert).get(0).getSerialNumber().toString(16);
        assertThat(run("cert", "revoke", "--serial", serial, "--data-dir", data)).isZero();
        assertThat(out.toString()).contains("revoked cam-9");
    }

    @Test
    void issueWithACsr() throws Exception {
        Path csr = dir.resolve("dev.csr");
        Path key = dir.resolve("dev.key");
        Process p = new ProcessBuilder("openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", key.toString(), "-out", csr.toString(), "-subj", "/CN=ignored").redirectErrorStream(true).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0, "openssl not available");
        assertThat(run("cert", "issue", "dev-csr", "--csr", csr.toString(), "--data-dir", dir.resolve("data").toString())).isZero();
        assertThat(out.toString()).doesNotContain("private key:");
        assertThat(Files.exists(dir.resolve("data/ca/devices/dev-csr-key.pem"))).isFalse();
    }

    @Test
    void errorsAreReportedWithoutAStackTrace() {
        assertThat(run("cert", "list", "--data-dir", dir.resolve("none").toString())).isEqualTo(CertCommand.EXIT_FAILED);
        assertThat(err.toString()).contains("no certificate authority").doesNotContain("Exception");
        assertThat(run("cert", "issue", "bad/id", "--data-dir", dir.toString())).isEqualTo(CertCommand.EXIT_FAILED);
        assertThat(err.toString()).contains("not a valid device id");
        assertThat(run("cert", "revoke", "--data-dir", dir.toString())).isEqualTo(Main.EXIT_USAGE);
    }
}
