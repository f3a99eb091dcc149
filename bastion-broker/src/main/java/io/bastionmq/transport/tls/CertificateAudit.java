package io.bastionmq.transport.tls;

import io.bastionmq.security.audit.AuditLog;
import io.bastionmq.security.audit.DenialThrottle;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLHandshakeException;
import org.jspecify.annotations.Nullable;

/**
 * Writes {@code certificate_rejected} to the audit log (THREATS.md C25) when a TLS handshake fails
 * because of the client's certificate: untrusted, expired, revoked, or missing where required.
 * Other handshake failures (protocol or cipher mismatch, a port scanner, a timeout) are not
 * security decisions about a device and stay out of the audit log. One budget for the whole
 * listener ({@link DenialThrottle}) keeps a flood of bad handshakes from filling the audit queue.
 */
public final class CertificateAudit {
    private final AuditLog audit;
    private final String listener;
    private final DenialThrottle budget = new DenialThrottle();

    public CertificateAudit(AuditLog audit, String listener) {
        this.audit = audit;
        this.listener = listener;
    }

    /** Watches {@code handler}'s handshake on {@code channel}. */
    public void watch(Channel channel, SslHandler handler) {
        handler.handshakeFuture().addListener(f -> {
            if (f.isSuccess()) {
                return;
            }
            String reason = certificateProblem(f.cause());
            if (reason == null) {
                return;
            }
            long skipped;
            synchronized (budget) {
                skipped = budget.admit(System.currentTimeMillis());
            }
            if (skipped >= 0) {
                String remote = channel.remoteAddress() instanceof InetSocketAddress a
                        ? a.getAddress().getHostAddress() + ":" + a.getPort() : String.valueOf(channel.remoteAddress());
                audit.certificateRejected(remote, listener,
                        reason + (skipped > 0 ? " (" + skipped + " more rejections not logged)" : ""));
            }
        });
    }

    /** The certificate reason in the failure's cause chain, or null if the failure is not about a certificate. */
    static @Nullable String certificateProblem(@Nullable Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CertificateException) {
                return String.valueOf(t.getMessage());
            }
            if (t instanceof SSLHandshakeException && String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("certificate")) {
                return String.valueOf(t.getMessage());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
