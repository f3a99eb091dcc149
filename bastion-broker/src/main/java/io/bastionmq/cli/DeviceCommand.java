package io.bastionmq.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bastion device add ID}: enrols a device with a secret the broker generates (THREATS.md
 * C3: unique per device, 192 random bits). The secret is printed once and only its hash is kept.
 * Disable, enable, delete and list devices with {@code bastion user}.
 */
@Command(name = "device", mixinStandardHelpOptions = true,
        description = "Enrol devices of a stopped broker with generated unique credentials.",
        subcommands = {DeviceCommand.Add.class})
final class DeviceCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: add");
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Enrol a device; prints its generated password once (it cannot be shown again).")
    static final class Add implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin CredentialsAccess access;
        @Parameters(index = "0", paramLabel = "ID", description = "The device id, its MQTT user name.") String id;
        @Option(names = "--group", paramLabel = "G", description = "A group for ACL rules; repeatable.") List<String> groups = new ArrayList<>();

        @Override
        public Integer call() {
            return access.run(spec.commandLine().getErr(), e -> {
                String secret = e.addDevice(id, Set.copyOf(groups));
                var out = spec.commandLine().getOut();
                out.println("device '" + id + "' enrolled; its password (shown only now, store it on the device):");
                out.println(secret);
                return 0;
            });
        }
    }
}
