package io.bastionmq.bench;

import io.bastionmq.bench.run.BenchException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bastion bench}: a load generator for MQTT brokers in the spirit of emqtt-bench, on raw
 * Netty with the BastionMQ codec so that the tool costs less CPU than the broker it measures.
 * Every run prints a summary table and then one JSON line, always the last line on stdout.
 */
@Command(name = "bastion bench",
        description = "MQTT load tool: connection churn, pub/sub, fan-in, fan-out, latency",
        subcommands = {ConnCommand.class, PubCommand.class, SubCommand.class,
            ScenarioCommand.Fanin.class, ScenarioCommand.Fanout.class, ScenarioCommand.Latency.class})
public final class BenchMain implements Runnable {
    @Option(names = "--help", usageHelp = true, description = "show this help")
    boolean help;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs one command line and returns its exit code: 0 done, 1 the run failed, 2 bad usage. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new BenchMain());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                line.getErr().println("bastion bench: " + e.getMessage());
                return 2;
            }
            if (e instanceof BenchException) {
                line.getErr().println("bastion bench: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
