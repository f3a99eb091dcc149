package io.bastionmq.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configuration file of a broker that a test runs as a separate process (kill -9, floods):
 * one anonymous TCP listener on 127.0.0.1, no $SYS, an allow-all rule (tests here are about
 * durability and survival, not authorization), and the sections the test adds.
 */
public final class ProcessBrokerConfig {
    private ProcessBrokerConfig() {}

    /**
     * Writes {@code dir/bastion.yaml} with the store in {@code dir/data}; {@code sections} is
     * appended verbatim (top-level YAML sections such as {@code store:} and {@code mqtt:}).
     */
    public static Path write(Path dir, int port, String sections) {
        String yaml = """
                data_dir: %s
                listeners:
                  - name: local
                    transport: tcp
                    bind: 127.0.0.1
                    port: %d
                    allow_anonymous: true
                sys:
                  enabled: false
                authorization:
                  rules:
                    - {permission: allow, action: all, subject: all, topic: "#"}
                """.formatted(dir.resolve("data"), port) + sections;
        Path config = dir.resolve("bastion.yaml");
        try {
            Files.writeString(config, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }
}
