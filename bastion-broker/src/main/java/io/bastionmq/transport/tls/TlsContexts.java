package io.bastionmq.transport.tls;

import io.bastionmq.config.TlsConfig;
import io.bastionmq.security.ca.Pem;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the server {@link SslContext} of a TLS listener from its files: BoringSSL through
 * netty-tcnative when it loads (faster handshakes and AES-GCM), the JDK engine otherwise; the
 * broker logs which at the first build. Protocols and suites come from the listener's
 * {@link io.bastionmq.config.TlsProfile}; client certificates go through
 * {@link ClientCertificateVerifier}.
 */
public final class TlsContexts {
    private static final Logger log = LoggerFactory.getLogger(TlsContexts.class);
    private static final AtomicBoolean ENGINE_LOGGED = new AtomicBoolean();

    private TlsContexts() {}

    /** A built context and the revocation list it checks, swapped together on reload. */
    record Built(SslContext context, Revocations revocations) {}

    /** The engine every TLS listener uses. */
    public static SslProvider provider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    static Built build(String listener, TlsConfig tls, TlsFiles files, Clock clock) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = read("cert_file", files.cert(), () -> Pem.readCertificates(files.cert()));
        PrivateKey key = read("key_file", files.key(), () -> Pem.readPrivateKey(files.key()));
        SslProvider provider = provider();
        logEngineOnce(provider);
        SslContextBuilder b = SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new))
                .sslProvider(provider)
                .protocols(tls.profile().protocols())
                .ciphers(tls.profile().cipherSuites(), SupportedCipherSuiteFilter.INSTANCE)
                .clientAuth(switch (tls.clientAuth()) {
                    case NONE -> ClientAuth.NONE;
                    case OPTIONAL -> ClientAuth.OPTIONAL;
                    case REQUIRED -> ClientAuth.REQUIRE;
                });
        Revocations revocations = Revocations.NONE;
        Path caFile = files.ca();
        if (caFile != null) {
            List<X509Certificate> anchors = read("ca_file", caFile, () -> Pem.readCertificates(caFile));
            Path crlFile = files.crl();
            if (crlFile != null) {
                revocations = read("crl_file", crlFile, () -> Revocations.load(crlFile, anchors, clock.instant()));
            }
            b.trustManager(new ClientCertificateVerifier(listener, anchors, revocations, clock));
        }
        try {
            return new Built(b.build(), revocations);
        } catch (javax.net.ssl.SSLException e) {
            throw new GeneralSecurityException("cannot build the TLS context: " + e.getMessage()
                    + " (do cert_file and key_file belong together?)", e);
        }
    }

    private interface Reader<T> {
        T read() throws IOException, GeneralSecurityException;
    }

    /** Runs {@code reader}, naming the key and file in any error. */
    private static <T> T read(String key, Path file, Reader<T> reader) throws IOException, GeneralSecurityException {
        try {
            return reader.read();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(key + " " + file + ": file not found", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException(key + " " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new IOException(key + " " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException(key + " " + file + ": " + e.getMessage(), e);
        }
    }

    private static void logEngineOnce(SslProvider provider) {
        if (!ENGINE_LOGGED.compareAndSet(false, true)) return;
        if (provider == SslProvider.OPENSSL) {
            log.info("TLS engine: OpenSSL ({})", OpenSsl.versionString());
        } else {
            @Nullable Throwable cause = OpenSsl.unavailabilityCause();
            log.info("TLS engine: JDK ({}); netty-tcnative did not load: {}", System.getProperty("java.vm.version"),
                    cause == null ? "unknown reason" : cause.getMessage());
        }
    }
}
