package io.bastionmq.it.tls;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * THREATS.md C7: only TLS 1.3 and 1.2 with AEAD suites, checked with {@code openssl s_client}
 * (which can still speak the old protocols at security level 0), and the handshake rate.
 */
class TlsProtocolIT {
    @TempDir
    static Path dir;

    private static TlsBroker broker;

    @BeforeAll
    static void start() {
        broker = TlsBroker.start(dir);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static Tools.Result sClient(String... options) throws Exception {
        assumeTrue(Tools.installed("openssl"), "openssl not installed");
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-brief", "-connect", "127.0.0.1:" + broker.port(),
                "-CAfile", broker.caFiles().caCert().toString()));
        cmd.addAll(List.of(options));
        return Tools.run(cmd);
    }

    private static void assumeOption(String option) throws Exception {
        assumeOption("s_client", option);
    }

    private static void assumeOption(String tool, String option) throws Exception {
        assumeTrue(Tools.installed("openssl"), "openssl not installed");
        Tools.Result help = Tools.run("openssl", tool, "-help");
        assumeTrue(help.output().contains(option), "openssl " + tool + " lacks " + option);
    }

    @Test
    void tls13IsAccepted() throws Exception {
        Tools.Result r = sClient("-tls1_3");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("Protocol version: TLSv1.3", "Verification: OK");
    }

    @Test
    void tls12WithAnAeadSuiteIsAccepted() throws Exception {
        Tools.Result r = sClient("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("Protocol version: TLSv1.2", "ECDHE-ECDSA-AES128-GCM-SHA256");
    }

    @Test
    void tls11IsRefused() throws Exception {
        assumeOption("-tls1_1");
        // SECLEVEL=0 lets this openssl offer TLS 1.1 at all: the refusal must come from the broker.
        Tools.Result r = sClient("-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0");
        assertThat(r.exit()).as(r.output()).isNotZero();
        assertThat(r.output()).doesNotContain("Protocol version: TLSv1.1");
    }

    @Test
    void tls10IsRefused() throws Exception {
        assumeOption("-tls1 ");
        Tools.Result r = sClient("-tls1", "-cipher", "DEFAULT:@SECLEVEL=0");
        assertThat(r.exit()).as(r.output()).isNotZero();
        assertThat(r.output()).doesNotContain("Protocol version: TLSv1\n");
    }

    @Test
    void aCbcSuiteIsRefusedOverTls12() throws Exception {
        Tools.Result r = sClient("-tls1_2", "-cipher", "AES128-SHA");
        assertThat(r.exit()).as(r.output()).isNotZero();
        Tools.Result ecdheCbc = sClient("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA");
        assertThat(ecdheCbc.exit()).as(ecdheCbc.output()).isNotZero();
    }

    /**
     * Full TLS 1.3 handshakes per second ({@code openssl s_time -new}: no resumption), from two
     * client processes for 5 s on this machine, clients and broker sharing its CPUs. Printed for
     * docs/security.md; the floor only catches a pathological regression. (A JDK client loop is not
     * used: its own handshake cost, not the broker's, sets the pace.)
     */
    @Test
    void measuresFullTls13HandshakesPerSecond() throws Exception {
        assumeOption("s_time", "-new");
        List<Process> clients = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            clients.add(new ProcessBuilder("openssl", "s_time", "-connect", "127.0.0.1:" + broker.port(), "-new", "-tls1_3", "-time", "5")
                    .redirectErrorStream(true).start());
        }
        long total = 0;
        double seconds = 0;
        for (Process p : clients) {
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(out).isZero();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) connections in (\\d+) real seconds").matcher(out);
            assertThat(m.find()).as(out).isTrue();
            total += Long.parseLong(m.group(1));
            seconds = Math.max(seconds, Double.parseDouble(m.group(2)));
        }
        double perSecond = total / seconds;
        System.out.printf("TLS 1.3 full handshakes: %d in %.0f s = %.0f/s (2 openssl s_time clients, broker engine %s, %d CPUs)%n",
                total, seconds, perSecond, io.bastionmq.transport.tls.TlsContexts.provider(), Runtime.getRuntime().availableProcessors());
        assertThat(perSecond).isGreaterThan(50);
    }
}
