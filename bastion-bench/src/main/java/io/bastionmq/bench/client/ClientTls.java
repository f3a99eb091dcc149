package io.bastionmq.bench.client;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * The client side of TLS 1.3 for the load tool: trust from a PEM CA file, an optional client
 * certificate, OpenSSL (netty-tcnative BoringSSL) when it loads, the JDK provider otherwise.
 *
 * <p>Every connection makes a <em>full</em> handshake, never a resumption: the handler is
 * created without the peer's host and port ({@link SslContext#newHandler(io.netty.buffer.ByteBufAllocator)}),
 * and both providers key their client session cache (the only place a TLS 1.3 ticket or a 1.2
 * session id is kept for reuse) by host and port, so nothing is stored and nothing is offered
 * in the ClientHello. That also means the server certificate is verified against the CA file
 * but not against a host name, which is all a loopback load test needs.
 */
public final class ClientTls {
    private ClientTls() {
    }

    /** A TLS 1.3-only client context. */
    public static SslContext create(Path caFile, @Nullable Path certFile, @Nullable Path keyFile) {
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("--cert and --key go together");
        }
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(provider())
                .protocols("TLSv1.3")
                .trustManager(caFile.toFile());
        if (certFile != null && keyFile != null) {
            builder.keyManager(certFile.toFile(), keyFile.toFile());
        }
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot set up TLS with " + caFile + ": " + e.getMessage(), e);
        }
    }

    /** OpenSSL when netty-tcnative loads (as the broker uses it), else the JDK's TLS. */
    public static SslProvider provider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /** For reports: "openssl" or "jdk". */
    public static String providerName() {
        return provider() == SslProvider.OPENSSL ? "openssl" : "jdk";
    }
}
