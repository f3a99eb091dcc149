package io.bastionmq.config;

import java.util.List;
import java.util.Set;

/**
 * The protocol versions and cipher suites a TLS listener offers (THREATS.md C7). Named presets,
 * as OkHttp's {@code ConnectionSpec.RESTRICTED_TLS} are: a configuration may narrow
 * {@link #STRICT} (drop a version or a suite) but never widen it, so TLS 1.0/1.1, SSLv3, CBC and
 * static-RSA suites cannot be enabled by any file.
 *
 * <p>Suite names are the IANA/JSSE names; the OpenSSL engine maps them to its own spelling.
 *
 * @param protocols    {@code TLSv1.3} and/or {@code TLSv1.2}, most preferred first
 * @param cipherSuites AEAD suites only; TLS 1.3 suites and ECDHE (forward secret) TLS 1.2 suites
 */
public record TlsProfile(List<String> protocols, List<String> cipherSuites) {

    /** Never enabled, whatever a configuration says (RFC 8996). Declared first: the presets below are checked against it. */
    private static final Set<String> OBSOLETE = Set.of("SSLv2", "SSLv3", "TLSv1", "TLSv1.0", "TLSv1.1");

    /** TLS 1.3 suites (RFC 8446 9.1); all AEAD. */
    public static final List<String> TLS13_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

    /** TLS 1.2 suites with ephemeral key exchange and an AEAD cipher: forward secrecy, no CBC, no RSA key transport. */
    public static final List<String> TLS12_AEAD_SUITES = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    public static final List<String> AEAD_ONLY =
            java.util.stream.Stream.concat(TLS13_SUITES.stream(), TLS12_AEAD_SUITES.stream()).toList();

    public static final List<String> PROTOCOLS_ALLOWED = List.of("TLSv1.3", "TLSv1.2");

    /** The default of every TLS listener: TLS 1.3 and 1.2, AEAD suites only. */
    public static final TlsProfile STRICT = new TlsProfile(PROTOCOLS_ALLOWED, AEAD_ONLY);

    /** TLS 1.3 only, for fleets whose clients all support it. */
    public static final TlsProfile TLS13_ONLY = new TlsProfile(List.of("TLSv1.3"), TLS13_SUITES);

    public TlsProfile {
        Bounds.present("protocols", protocols);
        Bounds.present("cipher_suites", cipherSuites);
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
        if (protocols.isEmpty()) {
            throw new ConfigException("protocols", "no protocol version enabled", "list TLSv1.3, TLSv1.2 or both");
        }
        for (String p : protocols) {
            if (OBSOLETE.contains(p)) {
                throw new ConfigException("protocols", p + " is obsolete and cannot be enabled",
                        "TLS 1.0 and 1.1 are broken (RFC 8996); use TLSv1.3 and TLSv1.2");
            }
            if (!PROTOCOLS_ALLOWED.contains(p)) {
                throw new ConfigException("protocols", "'" + p + "' is not a protocol version",
                        "write TLSv1.3 and/or TLSv1.2");
            }
        }
        if (cipherSuites.isEmpty()) {
            throw new ConfigException("cipher_suites", "no cipher suite enabled",
                    "remove the key for the strict default, or list some of: " + String.join(", ", AEAD_ONLY));
        }
        for (String s : cipherSuites) {
            if (!AEAD_ONLY.contains(s)) {
                throw new ConfigException("cipher_suites", "'" + s + "' is not an allowed cipher suite",
                        "only forward-secret AEAD suites may be enabled: " + String.join(", ", AEAD_ONLY));
            }
        }
        if (protocols.contains("TLSv1.2") && cipherSuites.stream().noneMatch(TLS12_AEAD_SUITES::contains)) {
            throw new ConfigException("cipher_suites", "TLSv1.2 is enabled but none of its cipher suites is",
                    "add a TLS 1.2 suite such as TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, or drop TLSv1.2 from protocols");
        }
        if (protocols.contains("TLSv1.3") && cipherSuites.stream().noneMatch(TLS13_SUITES::contains)) {
            throw new ConfigException("cipher_suites", "TLSv1.3 is enabled but none of its cipher suites is",
                    "add TLS_AES_128_GCM_SHA256, or drop TLSv1.3 from protocols");
        }
    }
}
