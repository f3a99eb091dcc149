package io.bastionmq.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * THREATS.md C2, C3, C25 through the CLI while the broker runs: {@code bastion user add},
 * {@code device add}, {@code user list} and {@code user import} go through the admin endpoint
 * (the store is locked), and what they create logs in at once with a real client.
 */
class UsersOnARunningBrokerIT {
    private static final String PASSWORD = "violet-tractor-harbour-57";

    @TempDir Path dir;

    @Test
    void userAddThenTheUserLogsInAndThePolicyRefusalNamesItsRule() throws Exception {
        try (LiveBroker broker = LiveBroker.start(dir)) {
            assertThat(broker.cliWithInput("admin\n", "user", "add", "weak", "--password-stdin")).isEqualTo(1);
            assertThat(broker.err.toString()).contains("Refused by the running broker: password is a known vendor default credential");

            assertThat(broker.cliWithInput(PASSWORD + "\n", "user", "add", "alice", "--group", "ops", "--password-stdin"))
                    .as(broker.err.toString()).isZero();
            assertThat(broker.out.toString()).isEqualTo("user 'alice' added\n");
            assertThat(connectCode(broker, "alice", PASSWORD)).isZero();

            assertThat(broker.cli("user", "add", "bob", "--admin", "--generate-password")).as(broker.err.toString()).isZero();
            String[] lines = broker.out.toString().split("\n");
            assertThat(lines[0]).isEqualTo("user 'bob' added (admin)");
            String generated = lines[2].strip();
            assertThat(connectCode(broker, "bob", generated)).isZero();
            assertThat(connectCode(broker, "bob", "wrong-" + generated)).isEqualTo(4); // bad user name or password (3.1.1)

            String audit = broker.auditContaining("user.add by admin-endpoint");
            assertThat(audit).contains("\"username\":\"alice\"").contains("user.add by admin-endpoint")
                    .doesNotContain(PASSWORD).doesNotContain(generated);
        }
    }

    @Test
    void deviceAddPrintsACredentialThatWorksAndListIsTheSameLiveAndStopped() throws Exception {
        String live;
        try (LiveBroker broker = LiveBroker.start(dir)) {
            assertThat(broker.cli("device", "add", "meter-1", "--group", "meters")).as(broker.err.toString()).isZero();
            String[] lines = broker.out.toString().split("\n");
            assertThat(lines[0]).isEqualTo("device 'meter-1' enrolled; its password (shown only now, store it on the device):");
            String secret = lines[1].strip();
            assertThat(secret).matches("[A-Za-z0-9_-]{32}");
            assertThat(connectCode(broker, "meter-1", secret)).isZero();
            assertThat(broker.auditContaining("device.add by admin-endpoint")).contains("device.add by admin-endpoint")
                    .doesNotContain(secret);

            Path passwd = dir.resolve("passwd");
            Files.writeString(passwd, "# mosquitto_passwd output\n"
                    + "sensor-7:$7$101$8XXhVoVQP4m4Pdm3$Q4zCMhpfARu5doIq7YERylvkEUCudlnltSHf6Uqo1vl1ud3HbJP5GPQWUZ1bXCLFJKamlMRmiaMYsXT/D47F3A==\n"
                    + "legacy:plaintext-is-not-a-hash\n");
            assertThat(broker.cli("user", "import", passwd.toString(), "--group", "meters")).isEqualTo(1);
            assertThat(broker.out.toString()).isEqualTo("1 users imported, 1 skipped\n");
            assertThat(broker.err.toString()).contains("skipped: 'legacy': hash format not supported");

            assertThat(broker.cli("user", "list")).as(broker.err.toString()).isZero();
            live = broker.out.toString();
            assertThat(live).contains("meter-1\tdevice\t-\tenabled\tgroups=meters").contains("sensor-7\tuser\t-\tenabled\tgroups=meters")
                    .doesNotContain("argon2").doesNotContain("$7$");
        }
        // The broker stopped, the CLI opens the store itself and lists the same lines.
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(Cli.run(dir, out, err, "", "user", "list")).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo(live);
    }

    private static int connectCode(LiveBroker broker, String user, String password) throws MqttException {
        return Logins.connectCode(broker.tcpUri(), user + "-client", user, password);
    }
}
