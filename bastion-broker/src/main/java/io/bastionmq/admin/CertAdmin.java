package io.bastionmq.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bastionmq.security.audit.AuditLog;
import io.bastionmq.security.ca.CertificateAuthority;
import io.bastionmq.security.ca.IssuedCertificate;
import io.bastionmq.security.ca.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.jspecify.annotations.Nullable;

/**
 * The built-in certificate authority of the running broker (THREATS.md C8, C10):
 * {@code cert.issue} (device_id, optional days, optional csr as PEM; answers the certificate, and
 * the generated key when there was no CSR, as PEM for the CLI to write), {@code cert.revoke}
 * (device_id or serial; the CRL is re-signed and the TLS listeners are told at once, so the
 * device's live mTLS sessions are cut before the answer, not at the next file poll) and
 * {@code cert.list}. Issues and revocations are audited (C25); keys never are.
 */
public final class CertAdmin implements AdminArea {
    private final Path caDir;
    private final Clock clock;
    private final Runnable crlChanged;
    private final AuditLog audit;

    /**
     * @param caDir      the CA directory, {@code <data_dir>/ca}
     * @param crlChanged applies the CA's new CRL to the TLS listeners and returns when it has
     */
    public CertAdmin(Path caDir, Clock clock, Runnable crlChanged, AuditLog audit) {
        this.caDir = caDir;
        this.clock = clock;
        this.crlChanged = crlChanged;
        this.audit = audit;
    }

    /** A serial as {@code bastion cert list} prints it (hex, colons allowed). */
    public static BigInteger parseSerial(String hex) {
        try {
            return new BigInteger(hex.replace(":", ""), 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("serial " + hex + " is not a hexadecimal number");
        }
    }

    /** Revokes every valid certificate of {@code deviceId}, or the one with {@code serialHex}; shared with the CLI on a stopped broker. */
    public static List<IssuedCertificate> revoke(CertificateAuthority ca, @Nullable String deviceId, @Nullable String serialHex) {
        if ((deviceId == null) == (serialHex == null)) {
            throw new IllegalArgumentException("name a device id or a serial, not both");
        }
        return serialHex != null ? ca.revoke(parseSerial(serialHex)) : ca.revokeDevice(deviceId);
    }

    @Override
    public Map<String, Function<Request, ObjectNode>> commands() {
        return Map.of("cert.issue", r -> guarded(() -> issue(r)), "cert.revoke", r -> guarded(() -> revoke(r)),
                "cert.list", r -> guarded(this::list));
    }

    /** The CA reports a missing CA or an unreadable file as state or I/O errors: the caller gets their message. */
    private static ObjectNode guarded(java.util.function.Supplier<ObjectNode> command) {
        try {
            return command.get();
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new AdminCommands.BadRequest(String.valueOf(e.getMessage()));
        }
    }

    private ObjectNode issue(Request request) {
        String deviceId = request.text("device_id");
        Integer days = request.optionalInt("days");
        @Nullable String csrPem = request.optionalText("csr");
        CertificateAuthority ca = CertificateAuthority.openOrCreate(caDir, clock);
        Path work = null;
        try {
            // The CA writes what it issues to a directory; this one is private (0700), and gone before the answer.
            work = Files.createTempDirectory(caDir, ".admin-issue-");
            PKCS10CertificationRequest csr = csrPem == null ? null : readCsr(work, csrPem);
            CertificateAuthority.Issued issued = ca.issueDevice(deviceId, csr, work,
                    days == null ? CertificateAuthority.DEVICE_DAYS_DEFAULT : days);
            IssuedCertificate e = issued.entry();
            ObjectNode answer = AdminCommands.ok().put("device_id", deviceId).put("serial", e.serialHex())
                    .put("not_after", e.notAfter().toString()).put("certificate", Files.readString(issued.certFile()))
                    .put("ca_certificate_file", ca.files().caCert().toAbsolutePath().toString());
            if (issued.keyFile() != null) {
                answer.put("key", Files.readString(issued.keyFile()));
            }
            audit.credentialChanged(deviceId, "certificate issued (serial " + e.serialHex() + ", valid until " + e.notAfter()
                    + (csr == null ? ", key generated" : ", from a CSR") + ") by " + ACTOR);
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException("issuing " + deviceId + ": " + e.getMessage(), e);
        } finally {
            deleteTree(work);
        }
    }

    private static PKCS10CertificationRequest readCsr(Path work, String pem) throws IOException {
        Path file = work.resolve("request.csr");
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
        try {
            return Pem.readCsr(file);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new IllegalArgumentException("the CSR cannot be read: " + e.getMessage(), e);
        }
    }

    private ObjectNode revoke(Request request) {
        List<IssuedCertificate> revoked = revoke(CertificateAuthority.open(caDir, clock), request.optionalText("device_id"),
                request.optionalText("serial"));
        if (!revoked.isEmpty()) {
            crlChanged.run(); // before the answer: when the CLI prints "revoked", the live sessions are already cut
        }
        ArrayNode list = AdminCommands.JSON.createArrayNode();
        for (IssuedCertificate e : revoked) {
            audit.revoked(e.commonName(), null, "certificate serial " + e.serialHex() + " revoked by " + ACTOR);
            list.add(json(e));
        }
        return AdminCommands.ok().set("revoked", list);
    }

    private ObjectNode list() {
        ArrayNode list = AdminCommands.JSON.createArrayNode();
        CertificateAuthority.open(caDir, clock).list().forEach(e -> list.add(json(e)));
        return AdminCommands.ok().set("certificates", list);
    }

    static ObjectNode json(IssuedCertificate e) {
        ObjectNode n = AdminCommands.JSON.createObjectNode().put("serial", e.serialHex())
                .put("kind", e.kind().name().toLowerCase(Locale.ROOT)).put("common_name", e.commonName())
                .put("not_after", e.notAfter().toString());
        return e.revokedAt() == null ? n.putNull("revoked_at") : n.put("revoked_at", e.revokedAt().toString());
    }

    private static void deleteTree(@Nullable Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the work directory " + dir + " (it may hold a private key): " + e, e);
        }
    }
}
