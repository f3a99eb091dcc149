package io.bastionmq.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bastionmq.admin.AdminClient;
import io.bastionmq.admin.CertAdmin;
import io.bastionmq.config.BrokerConfig;
import io.bastionmq.config.ConfigException;
import io.bastionmq.security.audit.AuditLog;
import io.bastionmq.security.ca.CaFiles;
import io.bastionmq.security.ca.CertificateAuthority;
import io.bastionmq.security.ca.IssuedCertificate;
import io.bastionmq.security.ca.Pem;
import io.bastionmq.transport.tls.TlsListeners;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bastion cert issue|revoke|list}: the built-in certificate authority in
 * {@code <data-dir>/ca/} (THREATS.md C8, C10). With a broker running on the data directory the
 * commands go through its admin endpoint: the broker issues (the CLI writes the files) and
 * revokes, and a revocation cuts the device's live mTLS sessions before the command returns. On a
 * stopped broker they work on the CA's files (replaced atomically under a lock). Both audit (C25).
 */
@Command(name = "cert", mixinStandardHelpOptions = true,
        description = "Device certificates from the built-in certificate authority (<data-dir>/ca/), on a running or a stopped broker.",
        subcommands = {CertCommand.Issue.class, CertCommand.Revoke.class, CertCommand.ListCerts.class})
final class CertCommand implements Runnable {
    /** Exit code when the command was well formed but could not be carried out (no such device, bad CSR). */
    static final int EXIT_FAILED = 1;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: issue, revoke or list");
    }

    static int fail(CommandSpec spec, String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("bastion cert: " + message);
        err.flush();
        return EXIT_FAILED;
    }

    /** Resolves the configuration, then runs live or offline; a CA error of the offline path is a failure with its message. */
    static <T> int run(CommandSpec spec, DataDirOptions where, Function<AdminClient, T> live, Function<BrokerConfig, T> offline,
                       ToIntFunction<T> report) {
        BrokerConfig config;
        try {
            config = where.brokerConfig();
        } catch (ConfigException e) {
            return fail(spec, e.getMessage());
        }
        try {
            return RunningBroker.either(config.dataDir(), spec.commandLine().getErr(), live, rep -> rep.applyAsInt(offline.apply(config)),
                    report);
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            return fail(spec, String.valueOf(e.getMessage()));
        }
    }

    static Path caDirectory(Path dataDir) {
        return dataDir.resolve(TlsListeners.CA_DIRECTORY);
    }

    /** What was issued and where it was written; {@code keyFile} is null when a CSR kept the key on the device. */
    record Issued(String serial, String notAfter, Path certFile, @Nullable Path keyFile, Path caCert) {}

    @Command(name = "issue", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Issue a device certificate (CN = DEVICE_ID, client authentication).",
                "Creates the CA on first use. Without --csr a P-256 key is generated (written 0600)."})
    static final class Issue implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DEVICE_ID", description = "Device id: the certificate CN and the MQTT client id.")
        String deviceId = "";

        @Option(names = "--csr", paramLabel = "FILE", description = "PKCS#10 request (PEM): the device keeps its key; only the certificate is written.")
        @Nullable Path csr;

        @Option(names = "--out", paramLabel = "DIR", description = "Where to write DEVICE_ID.pem and DEVICE_ID-key.pem (default: <data-dir>/ca/devices).")
        @Nullable Path out;

        @Option(names = "--days", paramLabel = "N", description = "Validity in days, 1..3650 (default: 365).")
        int days = CertificateAuthority.DEVICE_DAYS_DEFAULT;

        @Mixin
        DataDirOptions where = new DataDirOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PKCS10CertificationRequest request = null;
            String requestPem = null;
            if (csr != null) {
                try {
                    requestPem = Files.readString(csr, StandardCharsets.US_ASCII);
                    request = Pem.readCsr(csr);
                } catch (IOException | GeneralSecurityException e) {
                    return fail(spec, "cannot read the CSR " + csr + ": " + e.getMessage());
                }
            }
            PKCS10CertificationRequest parsed = request;
            String pem = requestPem;
            return run(spec, where, live -> live(live, pem), config -> {
                CertificateAuthority ca = CertificateAuthority.openOrCreate(caDirectory(config.dataDir()), Clock.systemUTC());
                CertificateAuthority.Issued issued = ca.issueDevice(deviceId, parsed, out != null ? out : ca.files().devices(), days);
                IssuedCertificate e = issued.entry();
                try (AuditLog audit = OfflineAudit.open(config)) {
                    audit.credentialChanged(deviceId, "certificate issued (serial " + e.serialHex() + ", valid until " + e.notAfter()
                            + (parsed == null ? ", key generated" : ", from a CSR") + ") by " + OfflineAudit.ACTOR);
                }
                return new Issued(e.serialHex(), e.notAfter().toString(), issued.certFile(), issued.keyFile(), ca.files().caCert());
            }, this::report);
        }

        /** The broker signs; this process writes the files, the key owner-only from its first byte. */
        private Issued live(AdminClient admin, @Nullable String csrPem) {
            Path dir = out != null ? out : caDirectory(where.dataDirectory()).resolve("devices");
            Path certFile = dir.resolve(deviceId + ".pem");
            Path keyFile = dir.resolve(deviceId + "-key.pem");
            for (Path f : csrPem == null ? List.of(certFile, keyFile) : List.of(certFile)) {
                if (Files.exists(f)) { // checked before the broker signs: no certificate is issued that cannot be written
                    throw new IllegalArgumentException(f + " already exists: move it away, or choose another --out directory");
                }
            }
            ObjectNode request = admin.request("cert.issue").put("device_id", deviceId).put("days", days).put("csr", csrPem);
            JsonNode answer = admin.call(request);
            try {
                createPrivateDirectory(dir);
                boolean withKey = answer.hasNonNull("key");
                if (withKey) {
                    write(keyFile, answer.path("key").asText(), "rw-------");
                }
                write(certFile, answer.path("certificate").asText(), "rw-r--r--");
                return new Issued(answer.path("serial").asText(), answer.path("not_after").asText(), certFile, withKey ? keyFile : null,
                        new CaFiles(caDirectory(where.dataDirectory())).caCert());
            } catch (IOException e) {
                throw new UncheckedIOException("the broker issued serial " + answer.path("serial").asText() + " but " + e.getMessage()
                        + " cannot be written; revoke it with 'bastion cert revoke --serial " + answer.path("serial").asText() + "'", e);
            }
        }

        private int report(Issued issued) {
            PrintWriter o = spec.commandLine().getOut();
            o.println("issued a certificate for " + deviceId + " (serial " + issued.serial() + ", valid until " + issued.notAfter() + ")");
            o.println("  certificate:    " + issued.certFile());
            if (issued.keyFile() != null) {
                o.println("  private key:    " + issued.keyFile() + "  (secret: copy it to the device only, then delete it here)");
            }
            o.println("  CA certificate: " + issued.caCert() + "  (the device's --cafile)");
            o.println("connect with:");
            o.println("  mosquitto_pub -h localhost -p 8883 --cafile " + issued.caCert() + " --cert " + issued.certFile()
                    + (issued.keyFile() != null ? " --key " + issued.keyFile() : " --key <device key>") + " -i " + deviceId + " -t test -m hello");
            o.flush();
            return 0;
        }
    }

    private static boolean posix(Path p) {
        return Files.getFileAttributeView(p, PosixFileAttributeView.class) != null;
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null && posix(parent)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** A new file (never an existing one) with {@code mode} from its creation: a key is never readable by others, even briefly. */
    private static void write(Path file, String text, String mode) throws IOException {
        var options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (SeekableByteChannel ch = posix(file.toAbsolutePath().getParent())
                ? Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)))
                : Files.newByteChannel(file, options)) {
            var b = java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
    }

    /** One certificate as both paths describe it. */
    record Row(String serial, String kind, String commonName, String notAfter, @Nullable String revokedAt) {
        static Row of(IssuedCertificate e) {
            return new Row(e.serialHex(), e.kind().name().toLowerCase(Locale.ROOT), e.commonName(), e.notAfter().toString(),
                    e.revokedAt() == null ? null : e.revokedAt().toString());
        }

        static Row of(JsonNode n) {
            return new Row(n.path("serial").asText(), n.path("kind").asText(), n.path("common_name").asText(), n.path("not_after").asText(),
                    n.path("revoked_at").isTextual() ? n.path("revoked_at").asText() : null);
        }
    }

    static List<Row> rows(JsonNode list) {
        List<Row> rows = new ArrayList<>();
        list.forEach(n -> rows.add(Row.of(n)));
        return rows;
    }

    /** What a revocation did: the certificates, and whether a running broker already applied the new CRL. */
    record Revoked(List<Row> certificates, boolean applied, Path crl) {}

    @Command(name = "revoke", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Revoke a device's certificates (or one certificate by serial) and re-sign the CRL.",
                "A running broker closes the device's live connections before the command returns."})
    static final class Revoke implements Callable<Integer> {
        @ArgGroup(multiplicity = "1")
        Which which = new Which();

        static final class Which {
            @Parameters(index = "0", paramLabel = "DEVICE_ID", description = "Revoke every valid certificate issued to this device.")
            @Nullable String deviceId;

            @Option(names = "--serial", paramLabel = "HEX", description = "Revoke the certificate with this serial (as `bastion cert list` prints it).")
            @Nullable String serial;
        }

        @Mixin
        DataDirOptions where = new DataDirOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (which.serial != null) {
                try {
                    CertAdmin.parseSerial(which.serial);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), "--" + e.getMessage());
                }
            }
            return run(spec, where, live -> {
                JsonNode answer = live.call(live.request("cert.revoke").put("device_id", which.deviceId).put("serial", which.serial));
                return new Revoked(rows(answer.path("revoked")), true, new CaFiles(caDirectory(where.dataDirectory())).crl());
            }, config -> {
                CertificateAuthority ca = CertificateAuthority.open(caDirectory(config.dataDir()), Clock.systemUTC());
                List<IssuedCertificate> revoked = CertAdmin.revoke(ca, which.deviceId, which.serial);
                try (AuditLog audit = OfflineAudit.open(config)) {
                    revoked.forEach(e -> audit.revoked(e.commonName(), null, "certificate serial " + e.serialHex() + " revoked by "
                            + OfflineAudit.ACTOR));
                }
                return new Revoked(revoked.stream().map(Row::of).toList(), false, ca.files().crl());
            }, this::report);
        }

        private int report(Revoked r) {
            if (r.certificates().isEmpty()) {
                return fail(spec, "no valid certificate matches " + (which.serial != null ? "serial " + which.serial : which.deviceId)
                        + " (see 'bastion cert list')");
            }
            PrintWriter o = spec.commandLine().getOut();
            for (Row e : r.certificates()) {
                o.println("revoked " + e.commonName() + " (serial " + e.serial() + ")");
            }
            o.println("CRL updated: " + r.crl() + (r.applied()
                    ? "; the running broker applied it and closed the device's live connections"
                    : "; a broker started later applies it (one running without its admin endpoint within "
                            + TlsListeners.RELOAD_INTERVAL.toSeconds() + " s)"));
            o.flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every certificate the CA issued.")
    static final class ListCerts implements Callable<Integer> {
        @Mixin
        DataDirOptions where = new DataDirOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return run(spec, where, live -> rows(live.call(live.request("cert.list")).path("certificates")),
                    config -> CertificateAuthority.open(caDirectory(config.dataDir()), Clock.systemUTC()).list().stream().map(Row::of).toList(),
                    rows -> {
                        PrintWriter o = spec.commandLine().getOut();
                        o.printf("%-32s  %-6s  %-24s  %-20s  %s%n", "SERIAL", "KIND", "COMMON NAME", "NOT AFTER", "REVOKED");
                        for (Row e : rows) {
                            o.printf("%-32s  %-6s  %-24s  %-20s  %s%n", e.serial(), e.kind(), e.commonName(), e.notAfter(),
                                    e.revokedAt() == null ? "no" : "yes, " + e.revokedAt());
                        }
                        o.flush();
                        return 0;
                    });
        }
    }
}
