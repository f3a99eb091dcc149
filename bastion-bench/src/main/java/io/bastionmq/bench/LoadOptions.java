package io.bastionmq.bench;

import io.bastionmq.codec.packet.QoS;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The shape and the bounds of a publish/subscribe run. Unset options take the command's defaults. */
final class LoadOptions {
    @Option(names = {"-q", "--qos"}, description = "QoS of publishes and subscriptions: 0, 1 or 2")
    @Nullable Integer qos;

    @Option(names = {"-s", "--payload"}, defaultValue = "64", description = "payload bytes, at least 20 (default: ${DEFAULT-VALUE})")
    int payload = 64;

    @Option(names = {"-d", "--duration"}, defaultValue = "10", description = "measured seconds (default: ${DEFAULT-VALUE})")
    int duration = 10;

    @Option(names = "--warmup", defaultValue = "1", description = "seconds before measuring (default: ${DEFAULT-VALUE})")
    int warmup = 1;

    @Option(names = {"-n", "--count"}, defaultValue = "100000000",
            description = "messages per publisher, or deliveries in all for sub (default: ${DEFAULT-VALUE})")
    long count = 100_000_000L;

    @Option(names = {"-w", "--window"}, defaultValue = "100",
            description = "messages a publisher may be ahead of its subscribers, or unacknowledged without them (default: ${DEFAULT-VALUE})")
    int window = 100;

    @Option(names = "--persistent",
            description = "subscribers connect with a persistent session (3.1.1: Clean Session 0; 5: Session Expiry Interval 3600 s),"
                    + " so the broker keeps their QoS 1/2 deliveries (BastionMQ: in its store); publishers stay clean")
    boolean persistent;

    @Option(names = "--chart", description = "write an SVG chart of the run to this file")
    @Nullable Path chart;

    QoS qos(QoS fallback) {
        if (qos == null) {
            return fallback;
        }
        QoS level = QoS.fromValue(qos);
        if (level == null) {
            throw new IllegalArgumentException("--qos must be 0, 1 or 2, not " + qos);
        }
        return level;
    }
}
