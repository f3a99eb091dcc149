package io.bastionmq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.security.authn.PasswordHashes;
import io.bastionmq.store.CredentialRecord;
import io.bastionmq.store.FsyncPolicy;
import io.bastionmq.store.rocksdb.RocksDbStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CredentialsCommandTest {
    @TempDir Path dir;
    private final InputStream stdin = System.in;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void restoreStdin() {
        System.setIn(stdin);
    }

    private int run(String input, String... args) {
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private CredentialRecord stored(String name) {
        try (RocksDbStore store = RocksDbStore.open(dir, FsyncPolicy.ALWAYS, Duration.ofMillis(100))) {
            return store.findCredential(name).orElseThrow();
        }
    }

    @Test
    void userAddStoresOnlyAnArgon2idHash() {
        int code = run("violet-tractor-harbour-57\n", "user", "add", "alice", "--group", "sensors", "--admin",
                "--password-stdin", "--data-dir", dir.toString());
        assertThat(code).as(err.toString()).isZero();
        CredentialRecord alice = stored("alice");
        assertThat(alice.passwordHash()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("violet");
        assertThat(PasswordHashes.verify(alice.passwordHash(), "violet-tractor-harbour-57".toCharArray())).isTrue();
        assertThat(alice.groups()).containsExactly("sensors");
        assertThat(alice.admin()).isTrue();
    }

    @Test
    void userAddRefusesADefaultCredentialNamingTheRule() {
        int code = run("admin\n", "user", "add", "admin", "--password-stdin", "--data-dir", dir.toString());
        assertThat(code).isEqualTo(CredentialsAccess.EXIT_REFUSED);
        assertThat(err.toString()).contains("known vendor default");
    }

    @Test
    void deviceAddPrintsAUniqueSecretOnceAndStoresItsHash() {
        assertThat(run("", "device", "add", "meter-1", "--data-dir", dir.toString())).isZero();
        assertThat(run("", "device", "add", "meter-2", "--data-dir", dir.toString())).isZero();
        String[] lines = out.toString().split("\n");
        String first = lines[1].strip();
        String second = lines[3].strip();
        assertThat(first).matches("[A-Za-z0-9_-]{32}").isNotEqualTo(second);
        CredentialRecord meter = stored("meter-1");
        assertThat(meter.device()).isTrue();
        assertThat(PasswordHashes.verify(meter.passwordHash(), first.toCharArray())).isTrue();
    }

    @Test
    void disableEnableDeleteAndList() {
        run("violet-tractor-harbour-57\n", "user", "add", "bob", "--password-stdin", "--data-dir", dir.toString());
        assertThat(run("", "user", "disable", "bob", "--data-dir", dir.toString())).isZero();
        assertThat(stored("bob").disabled()).isTrue();
        assertThat(run("", "user", "enable", "bob", "--data-dir", dir.toString())).isZero();
        assertThat(run("", "user", "list", "--data-dir", dir.toString())).isZero();
        assertThat(out.toString()).contains("bob\tuser\t-\tenabled").doesNotContain("argon2");
        assertThat(run("", "user", "delete", "bob", "--data-dir", dir.toString())).isZero();
        assertThat(run("", "user", "delete", "bob", "--data-dir", dir.toString())).isEqualTo(CredentialsAccess.EXIT_REFUSED);
    }

    @Test
    void saysToStopTheBrokerWhenTheStoreIsLocked() {
        try (RocksDbStore running = RocksDbStore.open(dir, FsyncPolicy.ALWAYS, Duration.ofMillis(100))) {
            assertThat(run("", "user", "list", "--data-dir", dir.toString())).isEqualTo(CredentialsAccess.EXIT_LOCKED);
            assertThat(err.toString()).contains("locked by a running broker").contains("admin endpoint");
        }
    }

    @Test
    void filesLeftByABrokerThatDiedDoNotStopTheOfflinePath() throws Exception {
        run("violet-tractor-harbour-57\n", "user", "add", "bob", "--password-stdin", "--data-dir", dir.toString());
        java.nio.file.Files.writeString(dir.resolve(io.bastionmq.admin.AdminEndpoint.TOKEN_FILE), "stale-token\n");
        java.nio.file.Files.writeString(dir.resolve(io.bastionmq.admin.AdminEndpoint.SOCKET_FILE), "");
        assertThat(run("", "user", "list", "--data-dir", dir.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("bob\tuser");
    }

    @Test
    void importsAMosquittoPasswordFileKeepingTheHashUntilTheNextLogin() throws Exception {
        Path file = dir.resolve("passwd");
        java.nio.file.Files.writeString(file, "# mosquitto_passwd output\n"
                + "sensor-7:$7$101$8XXhVoVQP4m4Pdm3$Q4zCMhpfARu5doIq7YERylvkEUCudlnltSHf6Uqo1vl1ud3HbJP5GPQWUZ1bXCLFJKamlMRmiaMYsXT/D47F3A==\n"
                + "legacy:plaintext-is-not-a-hash\n");
        Path data = dir.resolve("data");
        assertThat(run("", "user", "import", file.toString(), "--group", "meters", "--data-dir", data.toString()))
                .isEqualTo(CredentialsAccess.EXIT_REFUSED);
        assertThat(out.toString()).contains("1 users imported, 1 skipped");
        assertThat(err.toString()).contains("legacy").contains("format not supported");
        try (RocksDbStore store = RocksDbStore.open(data, FsyncPolicy.ALWAYS, Duration.ofMillis(100))) {
            CredentialRecord c = store.findCredential("sensor-7").orElseThrow();
            assertThat(c.passwordHash()).startsWith("$7$101$");
            assertThat(c.groups()).containsExactly("meters");
        }
    }
}
