package io.bastionmq.bench;

import io.bastionmq.bench.run.FlowSpec;
import io.bastionmq.codec.packet.QoS;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The named comparison scenarios. Each is a closed loop in one process, so latency is exact and
 * every message is accounted for; the options override the scenario's own defaults.
 */
abstract class ScenarioCommand extends FlowCommand {
    /** Publishers, subscribers, QoS and total rate (0 unlimited) when the options leave them unset. */
    record Defaults(String name, int publishers, int subscribers, QoS qos, double totalRate) {}

    @Option(names = "--publishers", description = "publishers (default: the scenario's)")
    @Nullable Integer publishers;

    @Option(names = "--subscribers", description = "subscribers (default: the scenario's)")
    @Nullable Integer subscribers;

    @Option(names = {"-r", "--rate"}, description = "messages per second from all publishers together, 0 unlimited (default: the scenario's)")
    @Nullable Double rate;

    abstract Defaults defaults();

    @Override
    FlowSpec spec() {
        Defaults d = defaults();
        int pubs = publishers == null ? d.publishers() : publishers;
        double total = rate == null ? d.totalRate() : rate;
        String prefix = "bench/" + d.name();
        return new FlowSpec(d.name(), connection.toClientOptions(), pubs, subscribers == null ? d.subscribers() : subscribers,
                prefix + "/%i", prefix + "/#", load.qos(d.qos()), load.payload, load.window,
                pubs == 0 ? 0 : total / pubs, load.count, load.warmup, load.duration, load.persistent);
    }

    @Command(name = "fanin", description = "8 publishers to 1 subscriber, as fast as the window allows")
    static final class Fanin extends ScenarioCommand {
        @Override
        Defaults defaults() {
            return new Defaults("fanin", 8, 1, QoS.AT_MOST_ONCE, 0);
        }
    }

    @Command(name = "fanout", description = "1 publisher to 50 subscribers, as fast as the window allows")
    static final class Fanout extends ScenarioCommand {
        @Override
        Defaults defaults() {
            return new Defaults("fanout", 1, 50, QoS.AT_MOST_ONCE, 0);
        }
    }

    @Command(name = "latency", description = "QoS 1 at a fixed 5,000 msg/s, 1 publisher to 1 subscriber: publish-to-receive percentiles")
    static final class Latency extends ScenarioCommand {
        @Override
        Defaults defaults() {
            return new Defaults("latency", 1, 1, QoS.AT_LEAST_ONCE, 5_000);
        }
    }
}
