package io.bastionmq.it.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.cli.Main;
import io.bastionmq.it.support.TestBroker;
import io.bastionmq.store.FsyncPolicy;
import io.bastionmq.store.rocksdb.RocksDbStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Migration from Mosquitto: a password file written by the real {@code mosquitto_passwd} is
 * imported with {@code bastion user import}, the user logs in with {@code mosquitto_pub}, and the
 * stored hash has become Argon2id.
 */
class MosquittoImportIT {
    @TempDir Path dir;

    @Test
    void userFromMosquittoPasswdLogsInAndIsRehashedToArgon2id() throws Exception {
        Assumptions.assumeTrue(AuthClients.onPath("mosquitto_passwd") && AuthClients.onPath("mosquitto_pub"),
                "mosquitto_passwd / mosquitto_pub not installed");
        Path passwd = Files.createFile(dir.resolve("passwd"));
        Process p = new ProcessBuilder("mosquitto_passwd", "-b", passwd.toString(), "meter-9", "amber-quarry-lighthouse-61")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0).as("mosquitto_passwd ran").isTrue();
        assertThat(Files.readString(passwd)).startsWith("meter-9:$7$");

        Path data = dir.resolve("data");
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        assertThat(cli.execute("user", "import", passwd.toString(), "--data-dir", data.toString())).as(out.toString()).isZero();

        try (TestBroker broker = TestBroker.builder().anonymous(false).rocksDb(data).start()) {
            assertThat(AuthClients.mosquittoPub(broker, "meter-9", "amber-quarry-lighthouse-61", "mqttv311").exit()).isZero();
            assertThat(AuthClients.mosquittoPub(broker, "meter-9", "amber-quarry-lighthouse-62", "mqttv311").exit()).isNotZero();
            assertThat(AuthClients.pahoV3(broker, "after-rehash", "meter-9", "amber-quarry-lighthouse-61")).isZero();
        }
        try (RocksDbStore store = RocksDbStore.open(data, FsyncPolicy.ALWAYS, Duration.ofMillis(100))) {
            assertThat(store.findCredential("meter-9").orElseThrow().passwordHash()).startsWith("$argon2id$v=19$");
        }
    }
}
