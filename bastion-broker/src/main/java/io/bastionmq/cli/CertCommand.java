package io.bastionmq.cli;

import io.bastionmq.security.ca.CertificateAuthority;
import io.bastionmq.security.ca.IssuedCertificate;
import io.bastionmq.security.ca.Pem;
import io.bastionmq.transport.tls.TlsListeners;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bastion cert issue|revoke|list}: the built-in certificate authority in
 * {@code <data-dir>/ca/} (THREATS.md C8, C10). Safe to run next to a running broker: the CA's
 * files are replaced atomically under a lock, and the broker reloads the CRL within
 * {@link TlsListeners#RELOAD_INTERVAL}, cutting the live sessions of revoked devices.
 */
@Command(name = "cert", mixinStandardHelpOptions = true,
        description = "Device certificates from the built-in certificate authority (<data-dir>/ca/).",
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

    static Path caDirectory(@Nullable Path dataDir) {
        return (dataDir != null ? dataDir : StartCommand.DATA_DIR_DEFAULT).resolve(TlsListeners.CA_DIRECTORY);
    }

    static int fail(CommandSpec spec, String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("bastion cert: " + message);
        err.flush();
        return EXIT_FAILED;
    }

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

        @Option(names = "--data-dir", paramLabel = "DIR", description = "The broker's data directory (default: ./data).")
        @Nullable Path dataDir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PKCS10CertificationRequest request = null;
            if (csr != null) {
                try {
                    request = Pem.readCsr(csr);
                } catch (IOException | GeneralSecurityException e) {
                    return fail(spec, "cannot read the CSR " + csr + ": " + e.getMessage());
                }
            }
            CertificateAuthority ca;
            CertificateAuthority.Issued issued;
            try {
                ca = CertificateAuthority.openOrCreate(caDirectory(dataDir), Clock.systemUTC());
                issued = ca.issueDevice(deviceId, request, out != null ? out : ca.files().devices(), days);
            } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
                return fail(spec, e.getMessage());
            }
            PrintWriter o = spec.commandLine().getOut();
            IssuedCertificate e = issued.entry();
            o.println("issued a certificate for " + deviceId + " (serial " + e.serialHex() + ", valid until " + e.notAfter() + ")");
            o.println("  certificate:    " + issued.certFile());
            if (issued.keyFile() != null) {
                o.println("  private key:    " + issued.keyFile() + "  (secret: copy it to the device only, then delete it here)");
            }
            o.println("  CA certificate: " + ca.files().caCert() + "  (the device's --cafile)");
            o.println("connect with:");
            o.println("  mosquitto_pub -h localhost -p 8883 --cafile " + ca.files().caCert() + " --cert " + issued.certFile()
                    + (issued.keyFile() != null ? " --key " + issued.keyFile() : " --key <device key>") + " -i " + deviceId + " -t test -m hello");
            o.flush();
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Revoke a device's certificates (or one certificate by serial) and re-sign the CRL.",
                "A running broker using the CRL closes the device's live connection within seconds."})
    static final class Revoke implements Callable<Integer> {
        @ArgGroup(multiplicity = "1")
        Which which = new Which();

        static final class Which {
            @Parameters(index = "0", paramLabel = "DEVICE_ID", description = "Revoke every valid certificate issued to this device.")
            @Nullable String deviceId;

            @Option(names = "--serial", paramLabel = "HEX", description = "Revoke the certificate with this serial (as `bastion cert list` prints it).")
            @Nullable String serial;
        }

        @Option(names = "--data-dir", paramLabel = "DIR", description = "The broker's data directory (default: ./data).")
        @Nullable Path dataDir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<IssuedCertificate> revoked;
            try {
                CertificateAuthority ca = CertificateAuthority.open(caDirectory(dataDir), Clock.systemUTC());
                if (which.serial != null) {
                    BigInteger serial;
                    try {
                        serial = new BigInteger(which.serial.replace(":", ""), 16);
                    } catch (NumberFormatException e) {
                        throw new ParameterException(spec.commandLine(), "--serial " + which.serial + " is not a hexadecimal number");
                    }
                    revoked = ca.revoke(serial);
                } else {
                    revoked = ca.revokeDevice(java.util.Objects.requireNonNull(which.deviceId));
                }
                if (revoked.isEmpty()) {
                    return fail(spec, "no valid certificate matches " + (which.serial != null ? "serial " + which.serial : which.deviceId)
                            + " (see 'bastion cert list')");
                }
                PrintWriter o = spec.commandLine().getOut();
                for (IssuedCertificate e : revoked) {
                    o.println("revoked " + e.commonName() + " (serial " + e.serialHex() + ")");
                }
                o.println("CRL updated: " + ca.files().crl() + "; a running broker applies it within "
                        + TlsListeners.RELOAD_INTERVAL.toSeconds() + " s and closes the device's live connections");
                o.flush();
                return 0;
            } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
                return fail(spec, e.getMessage());
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every certificate the CA issued.")
    static final class ListCerts implements Callable<Integer> {
        @Option(names = "--data-dir", paramLabel = "DIR", description = "The broker's data directory (default: ./data).")
        @Nullable Path dataDir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<IssuedCertificate> all;
            try {
                all = CertificateAuthority.open(caDirectory(dataDir), Clock.systemUTC()).list();
            } catch (IllegalStateException | UncheckedIOException e) {
                return fail(spec, e.getMessage());
            }
            PrintWriter o = spec.commandLine().getOut();
            o.printf("%-32s  %-6s  %-24s  %-20s  %s%n", "SERIAL", "KIND", "COMMON NAME", "NOT AFTER", "REVOKED");
            for (IssuedCertificate e : all) {
                o.printf("%-32s  %-6s  %-24s  %-20s  %s%n", e.serialHex(), e.kind().name().toLowerCase(java.util.Locale.ROOT),
                        e.commonName(), e.notAfter(), e.revokedAt() == null ? "no" : "yes, " + e.revokedAt());
            }
            o.flush();
            return 0;
        }
    }
}
