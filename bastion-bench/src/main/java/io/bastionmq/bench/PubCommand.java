package io.bastionmq.bench;

import io.bastionmq.bench.run.FlowSpec;
import io.bastionmq.codec.packet.QoS;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench pub}: publishers alone (pair it with {@code bench sub} in another process). */
@Command(name = "pub", description = "N publishers on a topic pattern; at QoS 1/2 at most --window unacknowledged each")
final class PubCommand extends FlowCommand {
    @Option(names = {"-c", "--clients"}, defaultValue = "1", description = "publishers (default: ${DEFAULT-VALUE})")
    int clients = 1;

    @Option(names = {"-t", "--topic"}, defaultValue = "bench/%i", description = "topic, %i is the publisher index (default: ${DEFAULT-VALUE})")
    String topic = "bench/%i";

    @Option(names = {"-r", "--rate"}, defaultValue = "0", description = "messages per second per publisher, 0 unlimited (default: ${DEFAULT-VALUE})")
    double rate;

    @Override
    FlowSpec spec() {
        return new FlowSpec("pub", connection.toClientOptions(), clients, 0, topic, topic, load.qos(QoS.AT_MOST_ONCE),
                load.payload, load.window, rate, load.count, load.warmup, load.duration);
    }
}
