package io.bastionmq.bench;

import io.bastionmq.bench.run.FlowSpec;
import io.bastionmq.codec.packet.QoS;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench sub}: subscribers alone, measuring what a separate {@code bench pub} sends. */
@Command(name = "sub", description = "N subscribers on a filter pattern; latency, gaps and duplicates from the payload stamps")
final class SubCommand extends FlowCommand {
    @Option(names = {"-c", "--clients"}, defaultValue = "1", description = "subscribers (default: ${DEFAULT-VALUE})")
    int clients = 1;

    @Option(names = {"-t", "--topic"}, defaultValue = "bench/#", description = "filter, %i is the subscriber index (default: ${DEFAULT-VALUE})")
    String filter = "bench/#";

    @Override
    FlowSpec spec() {
        return new FlowSpec("sub", connection.toClientOptions(), 0, clients, filter, filter, load.qos(QoS.AT_MOST_ONCE),
                load.payload, load.window, 0, load.count, load.warmup, load.duration, load.persistent);
    }
}
