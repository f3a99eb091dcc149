package io.bastionmq.config;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The {@code tls} block of a listener (THREATS.md C7, C8): the listener speaks MQTT over TLS
 * ({@code mqtts://}, {@code wss://}). Key material comes from exactly one of two places:
 * <ul>
 *   <li>files the operator names: {@code cert_file} and {@code key_file} (PEM), plus
 *       {@code ca_file} (the trust anchors for client certificates) and {@code crl_file};</li>
 *   <li>the built-in certificate authority ({@code builtin_ca: true}): the broker keeps a CA in
 *       {@code <data_dir>/ca/}, creates it and a server certificate on first start, and uses its
 *       certificate as {@code ca_file} and its CRL as {@code crl_file}, so devices issued with
 *       {@code bastion cert issue} can connect and {@code bastion cert revoke} cuts them off.</li>
 * </ul>
 * Files are read when the broker starts (and again when they change), not when the configuration
 * is parsed; a relative path is resolved against the directory of the configuration file.
 *
 * @param builtinCa  use the built-in CA in {@code <data_dir>/ca/} instead of the file keys
 * @param certFile   server certificate chain, PEM, leaf first; null only with the built-in CA
 * @param keyFile    private key of {@code certFile}, PEM PKCS#8; null only with the built-in CA
 * @param caFile     trust anchors for client certificates, PEM; needed when clients are asked for one
 * @param crlFile    certificate revocation list, PEM or DER; checked at every handshake and reloaded on change
 * @param clientAuth whether a client certificate is requested
 * @param profile    protocol versions and cipher suites
 * @param identity   what a verified client certificate means to MQTT
 */
public record TlsConfig(
        boolean builtinCa,
        @Nullable Path certFile,
        @Nullable Path keyFile,
        @Nullable Path caFile,
        @Nullable Path crlFile,
        ClientAuth clientAuth,
        TlsProfile profile,
        Identity identity) {

    /** Whether the listener asks clients for a certificate. */
    public enum ClientAuth {
        /** No certificate is requested. */
        NONE,
        /** A certificate is requested; one that is sent must verify, but a client may send none. */
        OPTIONAL,
        /** Every client must present a certificate that verifies (mutual TLS). */
        REQUIRED
    }

    /** Which certificate field becomes the MQTT user name. */
    public enum UsernameFrom {
        /** The user name is the one in CONNECT. */
        NONE,
        /** The subject common name. */
        CN,
        /** The first DNS subject alternative name. */
        SAN_DNS,
        /** The first e-mail (rfc822Name) subject alternative name. */
        SAN_EMAIL
    }

    /**
     * What a verified client certificate means to MQTT.
     *
     * @param usernameFrom         the certificate field that replaces the CONNECT user name
     * @param requireClientIdMatch the client identifier must equal the certificate CN (C8: one
     *                             device's certificate opens only that device's session)
     */
    public record Identity(UsernameFrom usernameFrom, boolean requireClientIdMatch) {
        public static final Identity NONE = new Identity(UsernameFrom.NONE, false);

        public Identity {
            Bounds.present("username_from", usernameFrom);
        }
    }

    public static final ClientAuth CLIENT_AUTH_DEFAULT = ClientAuth.NONE;
    public static final boolean BUILTIN_CA_DEFAULT = false;

    public TlsConfig {
        Bounds.present("client_auth", clientAuth);
        Bounds.present("protocols", profile);
        Bounds.present("identity", identity);
        if (builtinCa) {
            for (var f : new Object[][] {{"cert_file", certFile}, {"key_file", keyFile}, {"ca_file", caFile}, {"crl_file", crlFile}}) {
                if (f[1] != null) {
                    throw new ConfigException(String.valueOf(f[0]), f[0] + " cannot be combined with builtin_ca",
                            "the built-in CA supplies the server certificate, the trust anchor and the CRL from <data_dir>/ca/;"
                                    + " remove " + f[0] + ", or remove builtin_ca to use your own files");
                }
            }
        } else {
            if (certFile == null || keyFile == null) {
                String missing = certFile == null ? "cert_file" : "key_file";
                throw new ConfigException(missing, "has no value",
                        "name the server certificate and key (cert_file and key_file, PEM), or set builtin_ca: true");
            }
            if (clientAuth != ClientAuth.NONE && caFile == null) {
                throw new ConfigException("ca_file", "client_auth: " + Section.spelling(clientAuth) + " needs trust anchors",
                        "name the PEM file of the CA that issues client certificates, or set builtin_ca: true");
            }
            if (crlFile != null && caFile == null) {
                throw new ConfigException("crl_file", "a CRL applies to client certificates, and no ca_file is set",
                        "set ca_file and client_auth, or remove crl_file");
            }
        }
        if (clientAuth == ClientAuth.NONE && !identity.equals(Identity.NONE)) {
            throw new ConfigException("identity", "identity mapping needs client certificates, and client_auth is none",
                    "set client_auth: required (or optional)");
        }
    }

    /** The built-in CA with the strict profile and the given client authentication. */
    public static TlsConfig builtin(ClientAuth clientAuth) {
        return new TlsConfig(true, null, null, null, null, clientAuth, TlsProfile.STRICT, Identity.NONE);
    }

    /** Operator-supplied files with the strict profile. */
    public static TlsConfig files(Path certFile, Path keyFile, @Nullable Path caFile, @Nullable Path crlFile,
                                  ClientAuth clientAuth, Identity identity) {
        return new TlsConfig(false, certFile, keyFile, caFile, crlFile, clientAuth, TlsProfile.STRICT, identity);
    }

    /** The same block with other client authentication and identity rules. */
    public TlsConfig with(ClientAuth auth, Identity mapping) {
        return new TlsConfig(builtinCa, certFile, keyFile, caFile, crlFile, auth, profile, mapping);
    }
}
