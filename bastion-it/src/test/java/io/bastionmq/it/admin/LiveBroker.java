package io.bastionmq.it.admin;

import io.bastionmq.Broker;
import io.bastionmq.config.AdminConfig;
import io.bastionmq.config.AuthorizationConfig;
import io.bastionmq.config.BrokerConfig;
import io.bastionmq.config.ListenerConfig;
import io.bastionmq.config.ListenerConfig.Transport;
import io.bastionmq.config.TlsConfig;
import io.bastionmq.it.support.TestBroker;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A broker as an operator runs it, for driving the real CLI against it: RocksDB store in a
 * temporary data directory (so the admin endpoint is open and the store locked), the secure
 * default rules, a password TCP listener and an mTLS listener served by the built-in CA (the
 * certificate CN is the user name and must equal the client id). The CLI runs in this JVM
 * through picocli, exactly as {@code bastion} runs it.
 */
final class LiveBroker implements AutoCloseable {
    private final Path dir;
    private final Broker broker;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private LiveBroker(Path dir, Broker broker) {
        this.dir = dir;
        this.broker = broker;
    }

    static BrokerConfig config(Path dir) {
        BrokerConfig c = TestBroker.builder().rocksDb(dir).anonymous(false).authorization(AuthorizationConfig.SECURE_DEFAULT).config();
        TlsConfig mtls = TlsConfig.builtin(TlsConfig.ClientAuth.REQUIRED).with(TlsConfig.ClientAuth.REQUIRED,
                new TlsConfig.Identity(TlsConfig.UsernameFrom.CN, true));
        List<ListenerConfig> listeners = new ArrayList<>(c.listeners());
        listeners.add(new ListenerConfig("mtls", Transport.TCP, "127.0.0.1", 0, "/mqtt", false, true, mtls));
        return new BrokerConfig(listeners, c.dataDir(), c.store(), c.mqtt(), c.sys(), c.limits(), c.authorization(), c.audit(),
                TestBroker.Builder.FAST_AUTHENTICATION, AdminConfig.DEFAULT);
    }

    static LiveBroker start(Path dir) {
        return new LiveBroker(dir, Broker.start(config(dir), Clock.systemUTC()));
    }

    Broker broker() {
        return broker;
    }

    String tcpUri() {
        return "tcp://127.0.0.1:" + broker.port("tcp");
    }

    int mtlsPort() {
        return broker.port("mtls");
    }

    Path dataDir() {
        return dir;
    }

    /** Runs {@code bastion ARGS --data-dir DIR} with {@code stdin}; {@link #out} and {@link #err} hold what it printed. */
    int cliWithInput(String stdin, String... args) {
        return Cli.run(dir, out, err, stdin, args);
    }

    int cli(String... args) {
        return cliWithInput("", args);
    }

    /** The audit log once it holds {@code expected} (the writer is asynchronous), or as it is after 5 s. */
    String auditContaining(String expected) throws IOException, InterruptedException {
        Path audit = dir.resolve("audit").resolve("audit.log");
        Instant until = Instant.now().plus(Duration.ofSeconds(5));
        while (!(Files.exists(audit) && Files.readString(audit).contains(expected)) && Instant.now().isBefore(until)) {
            Thread.sleep(20);
        }
        return Files.exists(audit) ? Files.readString(audit) : "";
    }

    @Override
    public void close() {
        broker.close();
    }
}
