package io.bastionmq.cli;

import io.bastionmq.Broker;
import io.bastionmq.config.BrokerConfig;
import io.bastionmq.config.ConfigException;
import io.bastionmq.config.ConfigLoader;
import io.bastionmq.config.ListenerConfig;
import io.bastionmq.config.StoreConfig;
import io.bastionmq.security.authn.FirstStartAdmin;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bastion start}: runs the broker until SIGTERM or Ctrl-C, then shuts it down gracefully.
 * The configuration comes from exactly one of: {@code --config FILE}, {@code --dev}, or the
 * default profile ({@link BrokerConfig#defaults}). On a durable store without any credential it
 * creates the first admin ({@link FirstStartAdmin}) and prints its password once.
 */
@Command(name = "start", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Start the broker and run until SIGTERM or Ctrl-C (graceful shutdown).",
            "Without options: TCP on 127.0.0.1:1883, TLS on 0.0.0.0:8883 (built-in CA in ./data/ca),",
            "durable store in ./data, no anonymous access. On the first start with an empty user store,",
            "creates the user 'admin' and prints its password once (also in ./data/admin-password)."
        })
final class StartCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(StartCommand.class);
    static final int DEV_PORT_DEFAULT = 1883;
    static final Path DATA_DIR_DEFAULT = Path.of("data");

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (see docs/configuration.md).")
    @Nullable Path config;

    @Option(names = "--dev", description = "Development broker: plaintext, anonymous, in-memory, 127.0.0.1 only. INSECURE.")
    boolean dev;

    @Option(names = "--port", paramLabel = "N", description = "With --dev: TCP port (default: 1883).")
    @Nullable Integer port;

    @Option(names = "--ws-port", paramLabel = "N", description = "With --dev: also listen for MQTT over WebSocket on this port, path /mqtt.")
    @Nullable Integer wsPort;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory (default: ./data); overrides data_dir of --config.")
    @Nullable Path dataDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        BrokerConfig resolved;
        try {
            resolved = resolve();
        } catch (ConfigException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(e.getMessage());
            err.flush();
            return Main.EXIT_USAGE;
        }
        if (dev) {
            printDevWarning();
        }
        for (String warning : resolved.startupWarnings()) {
            log.warn(warning);
        }
        Broker broker;
        try {
            broker = Broker.start(resolved);
        } catch (RuntimeException e) {
            log.error("cannot start the broker: {}", e.getMessage(), e);
            return 1;
        }
        CountDownLatch closed = closeOnShutdown(broker); // before anything slow: a SIGTERM from now on is graceful
        PrintWriter out = spec.commandLine().getOut();
        try {
            FirstStartAdmin.ensure(broker.enrolment(), resolved.dataDir(), resolved.store().type() == StoreConfig.StoreType.ROCKSDB)
                    .ifPresent(created -> {
                        out.println("created user '" + FirstStartAdmin.USER + "' (admin) with password: " + created.password());
                        out.println("also written to " + created.file() + " (owner only): read it, then delete it;"
                                + " it is shown only this once");
                    });
        } catch (RuntimeException e) {
            log.error("cannot create the first admin user: {}", e.getMessage(), e);
            return 1; // Main exits; the shutdown hook closes the broker
        }
        for (ListenerConfig l : resolved.listeners()) {
            out.println("listening on " + l.uri(broker.port(l.name())));
        }
        out.flush();
        closed.await();
        return 0;
    }

    /** Picks the configuration; argument conflicts are usage errors, bad values are configuration errors. */
    BrokerConfig resolve() {
        if (dev && config != null) {
            throw usage("--dev and --config cannot be combined: --dev is a fixed development profile");
        }
        if (!dev && (port != null || wsPort != null)) {
            throw usage((port != null ? "--port" : "--ws-port") + " applies only with --dev; "
                    + "with --config, set the ports in the file's listeners");
        }
        if (dev) {
            if (dataDir != null) {
                throw usage("--data-dir has no effect with --dev: the development broker keeps everything in memory");
            }
            int tcp = port != null ? port : DEV_PORT_DEFAULT;
            try {
                return wsPort != null ? BrokerConfig.dev(tcp, wsPort) : BrokerConfig.dev(tcp);
            } catch (ConfigException e) {
                throw e.in("--dev");
            }
        }
        if (config != null) {
            BrokerConfig loaded = ConfigLoader.load(config);
            return dataDir != null ? loaded.withDataDir(dataDir) : loaded;
        }
        return BrokerConfig.defaults(dataDir != null ? dataDir : DATA_DIR_DEFAULT);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private void printDevWarning() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("""
                ************************************************************************
                *  WARNING: DEVELOPMENT MODE (--dev). THIS BROKER IS INSECURE.         *
                *                                                                      *
                *  - no authentication: any local process may connect, publish and     *
                *    subscribe to every topic, $SYS included                           *
                *  - no TLS: traffic is plaintext                                      *
                *  - in-memory store: every session and message is lost at exit        *
                *                                                                      *
                *  It listens on 127.0.0.1 only. NEVER let it face a network: no port  *
                *  forwarding, no reverse proxy, no container publishing its port.     *
                *  For real use: ./bastion start --config bastion.yaml                 *
                ************************************************************************""");
        err.flush();
    }

    /** Installs the shutdown hook that closes the broker gracefully on SIGTERM/SIGINT; the latch opens once it has. */
    private static CountDownLatch closeOnShutdown(Broker broker) {
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
            } catch (RuntimeException e) {
                log.error("error during shutdown", e);
            } finally {
                closed.countDown();
            }
        }, "bastion-shutdown"));
        return closed;
    }
}
