package io.bastionmq.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Entry point of the {@code bastion} command. Each subcommand is its own class, registered in
 * the {@code subcommands} list below; add {@code user}, {@code device}, {@code acl}, {@code cert},
 * {@code ban} and {@code bench} there as they arrive.
 */
@Command(
        name = "bastion",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "BastionMQ, a security-first MQTT broker.",
        subcommands = {StartCommand.class, VersionCommand.class, BanCommand.class, CertCommand.class, AclCommand.class, UserCommand.class, DeviceCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Usage and configuration errors; picocli uses the same code for bad arguments. */
    public static final int EXIT_USAGE = 2;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        // A clean return from "start" happens only inside the JVM's shutdown; System.exit would block there.
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The command line with every subcommand registered; tests redirect its output with setOut/setErr. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: try 'bastion start' or 'bastion --help'");
    }
}
