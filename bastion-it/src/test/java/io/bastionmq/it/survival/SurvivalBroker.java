package io.bastionmq.it.survival;

import io.bastionmq.it.support.ProcessBrokerConfig;
import io.bastionmq.testkit.BrokerProcess;
import java.nio.file.Path;

/**
 * A broker process for the survival suite: one anonymous TCP listener on 127.0.0.1, the in-memory
 * store, a 2 s CONNECT timeout, and the product's default {@code limits:} unless a test adds its own
 * (docs/configuration.md). The process runs with {@code -Xmx512m} ({@link BrokerProcess}).
 */
final class SurvivalBroker {
    static final int CONNECT_TIMEOUT_SECONDS = 2;

    private SurvivalBroker() {}

    /** Starts a broker with default limits; {@code extraYaml} is appended verbatim (a top-level section, or empty). */
    static Started start(Path dir, String extraYaml) {
        int port = BrokerProcess.freePort();
        Path config = ProcessBrokerConfig.write(dir, port, """
                store:
                  type: memory
                mqtt:
                  connect_timeout: %ds
                """.formatted(CONNECT_TIMEOUT_SECONDS) + extraYaml);
        return new Started(BrokerProcess.start(config, dir, port), port);
    }

    /** The process and its port; closing it kills the process. */
    record Started(BrokerProcess process, int port) implements AutoCloseable {
        long pid() {
            return process.pid();
        }

        @Override
        public void close() {
            process.close();
        }
    }
}
