package io.bastionmq.bench;

import io.bastionmq.bench.client.ClientOptions;
import io.bastionmq.bench.client.ClientTls;
import io.bastionmq.codec.packet.MqttVersion;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Where to connect and how: shared by every subcommand. */
final class ConnectionOptions {
    @Option(names = "--help", usageHelp = true, description = "show this help")
    boolean help;

    @Option(names = {"-h", "--host"}, defaultValue = "127.0.0.1", description = "broker host (default: ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = {"-p", "--port"}, defaultValue = "1883", description = "broker port (default: ${DEFAULT-VALUE})")
    int port = 1883;

    @Option(names = {"-u", "--username"}, description = "user name sent in CONNECT")
    @Nullable String username;

    @Option(names = {"-P", "--password"}, description = "password sent in CONNECT")
    @Nullable String password;

    @Option(names = "--version", defaultValue = "3", description = "MQTT version: 3 (3.1.1) or 5 (default: ${DEFAULT-VALUE})")
    int version = 3;

    @Option(names = "--keepalive", defaultValue = "60", description = "keep alive in seconds (default: ${DEFAULT-VALUE})")
    int keepAlive = 60;

    @Option(names = "--threads", defaultValue = "1",
            description = "event loop threads; keep it low, the broker shares the cores (default: ${DEFAULT-VALUE})")
    int threads = 1;

    @Option(names = "--tls", description = "connect with TLS 1.3 (full handshakes: no session resumption)")
    boolean tls;

    @Option(names = "--cafile", description = "with --tls: PEM file of the CA that signed the broker's certificate")
    @Nullable Path caFile;

    @Option(names = "--cert", description = "with --tls: client certificate, PEM (with --key)")
    @Nullable Path certFile;

    @Option(names = "--key", description = "with --tls: private key of --cert, PEM PKCS#8")
    @Nullable Path keyFile;

    ClientOptions toClientOptions() {
        MqttVersion mqtt = switch (version) {
            case 3, 4 -> MqttVersion.V3_1_1;
            case 5 -> MqttVersion.V5;
            default -> throw new IllegalArgumentException("--version must be 3 (MQTT 3.1.1) or 5, not " + version);
        };
        if (!tls) {
            if (caFile != null || certFile != null || keyFile != null) {
                throw new IllegalArgumentException("--cafile, --cert and --key need --tls");
            }
            return new ClientOptions(host, port, mqtt, username, password, keepAlive, null, false);
        }
        if (caFile == null) {
            throw new IllegalArgumentException("--tls needs --cafile (the CA that signed the broker's certificate)");
        }
        return new ClientOptions(host, port, mqtt, username, password, keepAlive, ClientTls.create(caFile, certFile, keyFile), false);
    }
}
