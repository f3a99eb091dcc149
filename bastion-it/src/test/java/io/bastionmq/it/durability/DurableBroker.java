package io.bastionmq.it.durability;

import io.bastionmq.it.support.ProcessBrokerConfig;
import io.bastionmq.testkit.BrokerProcess;
import java.nio.file.Path;

/**
 * The configuration of a broker run as its own JVM on a RocksDB store with fsync always, so that a
 * test can SIGKILL it and start it again on the same data directory and port
 * (docs/configuration.md).
 */
final class DurableBroker {
    private final Path config;
    private final Path workDir;
    private final int port;

    private DurableBroker(Path config, Path workDir, int port) {
        this.config = config;
        this.workDir = workDir;
        this.port = port;
    }

    /** Writes {@code bastion.yaml} into {@code dir}; the store lives in {@code dir/data}. */
    static DurableBroker in(Path dir) {
        int port = BrokerProcess.freePort();
        Path config = ProcessBrokerConfig.write(dir, port, """
                store:
                  type: rocksdb
                  fsync: always
                mqtt:
                  max_queued_messages: 100000
                """);
        return new DurableBroker(config, dir, port);
    }

    /** Starts a broker process on this data directory and port, and waits until it accepts connections. */
    BrokerProcess start() {
        return BrokerProcess.start(config, workDir, port);
    }

    int port() {
        return port;
    }
}
