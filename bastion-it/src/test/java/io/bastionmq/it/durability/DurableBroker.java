package io.bastionmq.it.durability;

import io.bastionmq.testkit.BrokerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
        String yaml = """
                data_dir: %s
                listeners:
                  - name: local
                    transport: tcp
                    bind: 127.0.0.1
                    port: %d
                    allow_anonymous: true
                store:
                  type: rocksdb
                  fsync: always
                mqtt:
                  max_queued_messages: 100000
                sys:
                  enabled: false
                authorization:
                  rules:
                    - {permission: allow, action: all, subject: all, topic: "#"}
                """.formatted(dir.resolve("data"), port);
        Path config = dir.resolve("bastion.yaml");
        try {
            Files.writeString(config, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
