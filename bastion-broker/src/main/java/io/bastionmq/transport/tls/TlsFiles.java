package io.bastionmq.transport.tls;

import io.bastionmq.config.TlsConfig;
import io.bastionmq.security.ca.CaFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The files one TLS listener is built from, and their fingerprint: modification time, size and
 * file identity (inode) of each, so an edit in place and an atomic rename are both seen.
 *
 * @param cert server certificate chain, PEM
 * @param key  server private key, PEM
 * @param ca   trust anchors for client certificates, or null when clients are not asked for one
 * @param crl  revocation list, or null for none
 */
public record TlsFiles(Path cert, Path key, @Nullable Path ca, @Nullable Path crl) {

    /** The operator's files of a {@code tls} block without {@code builtin_ca}. */
    static TlsFiles of(TlsConfig tls) {
        return new TlsFiles(Objects.requireNonNull(tls.certFile()), Objects.requireNonNull(tls.keyFile()),
                tls.clientAuth() == TlsConfig.ClientAuth.NONE ? null : tls.caFile(),
                tls.clientAuth() == TlsConfig.ClientAuth.NONE ? null : tls.crlFile());
    }

    /** The built-in CA's server certificate, CA certificate and CRL. */
    static TlsFiles builtin(CaFiles ca, TlsConfig tls) {
        boolean clients = tls.clientAuth() != TlsConfig.ClientAuth.NONE;
        return new TlsFiles(ca.serverCert(), ca.serverKey(), clients ? ca.caCert() : null, clients ? ca.crl() : null);
    }

    List<Path> all() {
        List<Path> all = new ArrayList<>(List.of(cert, key));
        if (ca != null) all.add(ca);
        if (crl != null) all.add(crl);
        return all;
    }

    /** Changes whenever any of the files is written, replaced, created or removed. */
    String fingerprint() {
        StringBuilder b = new StringBuilder();
        for (Path p : all()) {
            b.append(p).append('=');
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (a.isSymbolicLink()) {
                    a = Files.readAttributes(p, BasicFileAttributes.class); // follow, and note the target's change too
                }
                b.append(a.lastModifiedTime().toInstant()).append('/').append(a.size()).append('/').append(a.fileKey());
            } catch (IOException e) {
                b.append("missing");
            }
            b.append(';');
        }
        return b.toString();
    }
}
