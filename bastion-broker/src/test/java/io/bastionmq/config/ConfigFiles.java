package io.bastionmq.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Writes YAML to a file and loads it, as an operator would. */
final class ConfigFiles {
    private ConfigFiles() {}

    static Path write(Path dir, String yaml) {
        try {
            return Files.writeString(dir.resolve("bastion.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BrokerConfig load(Path dir, String yaml) {
        return ConfigLoader.load(write(dir, yaml));
    }

    /** Loads {@code yaml}, expecting a failure whose message names the file, {@code keyPath} and a hint. */
    static ConfigException failure(Path dir, String yaml, String keyPath) {
        Path file = write(dir, yaml);
        return expectFailure(() -> ConfigLoader.load(file), file.toString(), keyPath);
    }

    static ConfigException expectFailure(ThrowingCallable call, String source, String keyPath) {
        ConfigException e = catchThrowableOfType(ConfigException.class, call);
        assertThat(e).as("expected a ConfigException").isNotNull();
        assertThat(e.source()).isEqualTo(source);
        assertThat(e.keyPath()).isEqualTo(keyPath);
        assertThat(e.getMessage())
                .startsWith(source + ": " + keyPath + ": ")
                .contains("\n  hint: ");
        assertThat(e.hint()).isNotBlank();
        return e;
    }
}
