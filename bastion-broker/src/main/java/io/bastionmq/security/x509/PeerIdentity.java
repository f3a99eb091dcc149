package io.bastionmq.security.x509;

import java.math.BigInteger;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.jspecify.annotations.Nullable;

/**
 * The identity in a client certificate that passed verification at the TLS handshake: the
 * transport stores it on the connection, and CONNECT maps it to a client identifier and user
 * name. Only a verified certificate ever becomes a {@code PeerIdentity}.
 *
 * @param subject    the subject distinguished name, RFC 2253
 * @param commonName the (last) CN of the subject, or null if it has none
 * @param dnsNames   the dNSName subject alternative names, in certificate order
 * @param emails     the rfc822Name subject alternative names, in certificate order
 * @param serial     the serial number
 * @param issuer     the issuer distinguished name, RFC 2253; with {@code serial} it names the
 *                   certificate in a CRL
 */
public record PeerIdentity(String subject, @Nullable String commonName, List<String> dnsNames, List<String> emails,
                           BigInteger serial, String issuer) {
    private static final int SAN_EMAIL = 1;
    private static final int SAN_DNS = 2;

    public PeerIdentity {
        dnsNames = List.copyOf(dnsNames);
        emails = List.copyOf(emails);
    }

    public static PeerIdentity of(X509Certificate cert) {
        List<String> dns = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == SAN_DNS) dns.add((String) san.get(1));
                    if (type == SAN_EMAIL) emails.add((String) san.get(1));
                }
            }
        } catch (CertificateParsingException e) {
            // A certificate whose SAN extension does not parse would not have verified; treat as none.
        }
        return new PeerIdentity(cert.getSubjectX500Principal().getName(), commonName(cert), dns, emails,
                cert.getSerialNumber(), cert.getIssuerX500Principal().getName());
    }

    static @Nullable String commonName(X509Certificate cert) {
        RDN[] cns = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        return cns.length == 0 ? null : IETFUtils.valueToString(cns[cns.length - 1].getFirst().getValue());
    }

    /** Serial in hex, as {@code openssl x509 -serial} and {@code bastion cert list} print it. */
    public String serialHex() {
        return serial.toString(16).toUpperCase(java.util.Locale.ROOT);
    }

    /** For logs: {@code serial 1A2B…, subject CN=dev-1}. */
    public String describe() {
        return "serial " + serialHex() + ", subject " + subject;
    }
}
