package io.bastionmq.transport.tls;

import io.bastionmq.security.ca.Pem;
import io.bastionmq.security.x509.PeerIdentity;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.security.cert.CRLReason;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded CRL, trusted only after its signature verified against one of the listener's trust
 * anchors: a CRL nobody can vouch for is refused, so it can neither revoke nor un-revoke anyone.
 * A CRL past its next-update time is still applied (revocations never expire) and logged.
 */
final class Revocations {
    private static final Logger log = LoggerFactory.getLogger(Revocations.class);
    static final Revocations NONE = new Revocations(null);

    private final @Nullable X509CRL crl;

    private Revocations(@Nullable X509CRL crl) {
        this.crl = crl;
    }

    static Revocations load(Path file, List<X509Certificate> anchors, Instant now) throws IOException, GeneralSecurityException {
        X509CRL crl = Pem.readCrl(file);
        X509Certificate issuer = null;
        for (X509Certificate a : anchors) {
            if (a.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
                issuer = a;
            }
        }
        if (issuer == null) {
            throw new GeneralSecurityException("the CRL " + file + " is issued by " + crl.getIssuerX500Principal().getName()
                    + ", which is not in ca_file");
        }
        try {
            crl.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException("the CRL " + file + " does not carry a valid signature of its issuer: " + e.getMessage(), e);
        }
        if (crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(now)) {
            log.warn("the CRL {} is past its next update ({}); it is still applied, but publish a fresh one", file, crl.getNextUpdate().toInstant());
        }
        return new Revocations(crl);
    }

    /** A revocation: when, and the CRL's reason code if it gives one. */
    record Revoked(Date at, @Nullable CRLReason reason) {
        String describe() {
            return "revoked at " + at.toInstant() + (reason == null ? "" : " (" + reason + ")");
        }
    }

    /** The revocation of {@code cert}, or null if it is not revoked. */
    @Nullable Revoked revoked(X509Certificate cert) {
        if (crl == null || !crl.getIssuerX500Principal().equals(cert.getIssuerX500Principal())) return null;
        return entry(crl.getRevokedCertificate(cert.getSerialNumber()));
    }

    /** Same as {@link #revoked(X509Certificate)} for a connection's recorded identity. */
    @Nullable Revoked revoked(PeerIdentity id) {
        if (crl == null || !crl.getIssuerX500Principal().getName().equals(id.issuer())) return null;
        return entry(crl.getRevokedCertificate(id.serial()));
    }

    int size() {
        return crl == null || crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size();
    }

    private static @Nullable Revoked entry(@Nullable X509CRLEntry entry) {
        return entry == null ? null : new Revoked(entry.getRevocationDate(), entry.getRevocationReason());
    }
}
