package io.bastionmq.bench;

import io.bastionmq.bench.client.Transport;
import io.bastionmq.bench.report.ProgressLine;
import io.bastionmq.bench.run.ConnResult;
import io.bastionmq.bench.run.ConnRun;
import io.bastionmq.bench.run.ConnSpec;
import io.bastionmq.bench.run.Sample;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench conn}: connection rate, or with {@code --churn} connect + disconnect per second. */
@Command(name = "conn", description = "open N connections at R per second and hold them, or --churn: connect, disconnect, repeat")
final class ConnCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = {"-c", "--clients"}, defaultValue = "100",
            description = "connections to open, or with --churn connections at a time (default: ${DEFAULT-VALUE})")
    int clients = 100;

    @Option(names = {"-r", "--rate"}, defaultValue = "100", description = "connects per second, 0 unlimited (default: ${DEFAULT-VALUE})")
    double rate = 100;

    @Option(names = "--churn", description = "disconnect each connection at once and connect again")
    boolean churn;

    @Option(names = {"-d", "--duration"}, defaultValue = "10", description = "longest the run may take, in seconds (default: ${DEFAULT-VALUE})")
    int duration = 10;

    @Option(names = {"-n", "--count"}, defaultValue = "10000000", description = "most connects with --churn (default: ${DEFAULT-VALUE})")
    long count = 10_000_000L;

    @Option(names = "--chart", description = "write an SVG chart of the run to this file")
    @Nullable Path chart;

    @Override
    public Integer call() {
        ConnSpec spec = new ConnSpec(connection.toClientOptions(), clients, rate, churn, count, duration);
        try (Transport transport = new Transport(connection.threads)) {
            Consumer<Sample> progress = ProgressLine.forTerminal("conn");
            ConnResult result = ConnRun.run(spec, transport, progress);
            Output.report(progress, result.figures(), result.timeline(), "connects/s", chart, System.out);
        }
        return 0;
    }
}
