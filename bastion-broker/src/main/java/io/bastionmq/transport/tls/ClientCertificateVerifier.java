package io.bastionmq.transport.tls;

import java.net.Socket;
import java.security.KeyStore;
import java.security.GeneralSecurityException;
import java.security.cert.CRLReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateRevokedException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies a client certificate at the handshake (THREATS.md C8, C10), in an order that lets the
 * log say why one is refused: validity period, then the chain to a trust anchor (the JDK's PKIX
 * validation), then the CRL. Every refusal is logged with serial, subject and reason, rate
 * limited so a flood of bad handshakes cannot flood the log. The handshake fails with
 * {@code certificate_expired}, {@code certificate_revoked} or {@code bad_certificate}.
 */
final class ClientCertificateVerifier extends X509ExtendedTrustManager {
    private static final Logger log = LoggerFactory.getLogger(ClientCertificateVerifier.class);
    private static final long LOG_INTERVAL_NANOS = 200_000_000L;

    private final String listener;
    private final X509TrustManager pkix;
    private final List<X509Certificate> anchors;
    private final Revocations revocations;
    private final Clock clock;
    private volatile long lastLogNanos;

    ClientCertificateVerifier(String listener, List<X509Certificate> anchors, Revocations revocations, Clock clock)
            throws GeneralSecurityException {
        this.listener = listener;
        this.anchors = List.copyOf(anchors);
        this.revocations = revocations;
        this.clock = clock;
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        for (int i = 0; i < anchors.size(); i++) {
            store.setCertificateEntry("anchor-" + i, anchors.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(store);
        X509TrustManager found = null;
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) found = x;
        }
        if (found == null) throw new GeneralSecurityException("no X.509 trust manager available");
        this.pkix = found;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no client certificate");
        }
        X509Certificate leaf = chain[0];
        try {
            leaf.checkValidity(Date.from(clock.instant()));
        } catch (CertificateExpiredException e) {
            String why = "expired on " + leaf.getNotAfter().toInstant();
            throw refused(leaf, why, new CertificateExpiredException(why));
        } catch (CertificateNotYetValidException e) {
            String why = "not valid before " + leaf.getNotBefore().toInstant();
            throw refused(leaf, why, new CertificateNotYetValidException(why));
        }
        try {
            pkix.checkClientTrusted(chain, authType);
        } catch (CertificateException e) {
            String why = "not issued by a trusted CA (" + e.getMessage() + ")";
            throw refused(leaf, why, new CertificateException(why, e));
        }
        Revocations.Revoked revoked = revocations.revoked(leaf);
        if (revoked != null) {
            throw refused(leaf, revoked.describe(), new CertificateRevokedException(
                    revoked.at(), CRLReason.UNSPECIFIED, leaf.getIssuerX500Principal(), Map.of()));
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a listener verifies clients only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return anchors.toArray(X509Certificate[]::new); // named in CertificateRequest, so clients pick the right certificate
    }

    /** Logs the refusal (rate limited) and returns {@code e}, whose type selects the TLS alert. */
    private <E extends CertificateException> E refused(X509Certificate leaf, String why, E e) {
        long now = System.nanoTime();
        if (now - lastLogNanos >= LOG_INTERVAL_NANOS) {
            lastLogNanos = now;
            log.warn("listener '{}': client certificate refused: serial {}, subject {}: {}", listener,
                    leaf.getSerialNumber().toString(16).toUpperCase(Locale.ROOT), leaf.getSubjectX500Principal().getName(), why);
        }
        return e;
    }
}
