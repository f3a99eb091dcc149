package io.bastionmq.bench;

import io.bastionmq.bench.client.Transport;
import io.bastionmq.bench.report.ProgressLine;
import io.bastionmq.bench.run.FlowResult;
import io.bastionmq.bench.run.FlowRun;
import io.bastionmq.bench.run.FlowSpec;
import io.bastionmq.bench.run.Sample;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Mixin;

/** What every publish/subscribe command does once it has a {@link FlowSpec}: run it and report. */
abstract class FlowCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Mixin
    LoadOptions load = new LoadOptions();

    abstract FlowSpec spec();

    @Override
    public Integer call() {
        FlowSpec spec = spec();
        try (Transport transport = new Transport(connection.threads)) {
            Consumer<Sample> progress = ProgressLine.forTerminal(spec.subscribers() > 0 ? "recv" : "acked");
            FlowResult result = FlowRun.run(spec, transport, progress);
            Output.report(progress, result.figures(), result.timeline(), "msg/s", load.chart, System.out);
        }
        return 0;
    }
}
