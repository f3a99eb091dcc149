package io.bastionmq.cli;

import io.bastionmq.config.BrokerConfig;
import io.bastionmq.config.ConfigLoader;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Where the broker's data is: {@code --data-dir}, else the {@code data_dir} of {@code --config},
 * else {@code ./data}. A picocli mixin shared by every management command ({@code ban},
 * {@code user}, {@code device}, {@code acl}, {@code cert}); {@code --config} also brings the
 * settings the offline path applies (password policy and hashing, configuration rules, audit log).
 */
final class DataDirOptions {
    @Option(names = "--data-dir", paramLabel = "DIR", description = "The broker's data directory (default: data_dir of --config, else ./data).")
    @Nullable Path dataDir;

    @Option(names = "--config", paramLabel = "FILE", description = "The broker's configuration file: its data_dir and settings apply.")
    @Nullable Path config;

    /** The configuration ({@code --config}, else the defaults) with {@code --data-dir} applied; throws ConfigException. */
    BrokerConfig brokerConfig() {
        BrokerConfig c = config != null ? ConfigLoader.load(config) : BrokerConfig.defaults(StartCommand.DATA_DIR_DEFAULT);
        return dataDir != null ? c.withDataDir(dataDir) : c;
    }

    /** The data directory alone; reads {@code --config} only when {@code --data-dir} is not given. */
    Path dataDirectory() {
        return dataDir != null ? dataDir : config != null ? ConfigLoader.load(config).dataDir() : StartCommand.DATA_DIR_DEFAULT;
    }
}
