package io.bastionmq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bastion acl add|list|remove|test} on a data directory and a configuration file. */
class AclCommandTest {
    @TempDir Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void addTestListRemove() throws Exception {
        String data = dir.toString();
        assertThat(run("acl", "test", "dev1", "devices/dev1/x", "pub", "--data-dir", data)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("ALLOWED by rule 'allow all all devices/${username}/#' (default rules[2])");
        assertThat(run("acl", "test", "dev1", "fleet/+/status", "sub", "--data-dir", data)).isEqualTo(1);
        assertThat(out.toString()).contains("DENIED: no rule allows it (deny by default)");

        assertThat(run("acl", "add", "--user", "dev1", "allow", "sub", "fleet/#", "--max-qos", "1", "--data-dir", data))
                .as(err.toString()).isZero();
        out.getBuffer().setLength(0);
        assertThat(run("acl", "test", "dev1", "fleet/+/status", "sub", "--data-dir", data)).isZero();
        assertThat(out.toString()).contains("ALLOWED by rule 'allow user dev1 subscribe fleet/# max_qos 1' (store user dev1)");
        assertThat(run("acl", "test", "dev2", "fleet/+/status", "sub", "--data-dir", data)).isEqualTo(1);

        out.getBuffer().setLength(0);
        assertThat(run("acl", "list", "--data-dir", data)).isZero();
        assertThat(out.toString()).contains("allow user dev1 subscribe fleet/# max_qos 1    (store user dev1)", "then: deny");
        assertThat(Files.readString(dir.resolve("audit/audit.log"))).contains("\"event\":\"acl_change\"");

        assertThat(run("acl", "remove", "--user", "dev1", "allow", "sub", "fleet/#", "--max-qos", "1", "--data-dir", data)).isZero();
        assertThat(run("acl", "test", "dev1", "fleet/+/status", "sub", "--data-dir", data)).isEqualTo(1);
    }

    @Test
    void testTakesTheStoredGroupsOfTheUser() {
        String data = dir.toString();
        assertThat(run("device", "add", "meter-7", "--group", "meters", "--data-dir", data)).as(err.toString()).isZero();
        assertThat(run("acl", "add", "--group", "meters", "allow", "pub", "meters/+/power", "--data-dir", data))
                .as(err.toString()).isZero();
        out.getBuffer().setLength(0);
        assertThat(run("acl", "test", "meter-7", "meters/7/power", "pub", "--data-dir", data)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("ALLOWED by rule 'allow group meters publish meters/+/power'");
        assertThat(run("acl", "test", "meter-8", "meters/8/power", "pub", "--data-dir", data)).as("not enrolled, no group").isEqualTo(1);
        assertThat(run("acl", "test", "meter-8", "meters/8/power", "pub", "--group", "meters", "--data-dir", data)).isZero();
    }

    @Test
    void testReadsTheConfigurationRules() throws Exception {
        Path config = dir.resolve("bastion.yaml");
        Files.writeString(config, """
                authorization:
                  rules:
                    - {permission: deny, topic: "devices/+/secret"}
                    - {permission: allow, topic: "devices/${username}/#"}
                """);
        assertThat(run("acl", "test", "dev1", "devices/dev1/#", "sub", "--config", config.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("DENIED by rule 'deny all all devices/+/secret' (config authorization.rules[0])");
        assertThat(run("acl", "add", "--user", "x", "allow", "pub", "a/#/b", "--data-dir", dir.toString())).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("'#'");
    }
}
