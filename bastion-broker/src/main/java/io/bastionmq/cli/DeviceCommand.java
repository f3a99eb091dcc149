package io.bastionmq.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
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
 * C3: unique per device, 192 random bits), on a running broker through its admin endpoint or on a
 * stopped broker's store. The secret is printed once and only its hash is kept. Disable, enable,
 * delete and list devices with {@code bastion user}.
 */
@Command(name = "device", mixinStandardHelpOptions = true,
        description = "Enrol devices with generated unique credentials, on a running or a stopped broker.",
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
            return access.run(spec.commandLine().getErr(), e -> e.addDevice(id, Set.copyOf(groups)), live -> {
                ObjectNode request = live.request("device.add").put("name", id);
                groups.forEach(request.putArray("groups")::add);
                return live.call(request).path("password").asText();
            }, secret -> {
                PrintWriter out = spec.commandLine().getOut();
                out.println("device '" + id + "' enrolled; its password (shown only now, store it on the device):");
                out.println(secret);
                out.flush();
                return 0;
            });
        }
    }
}
