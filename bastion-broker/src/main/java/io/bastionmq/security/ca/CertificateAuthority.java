package io.bastionmq.security.ca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.jspecify.annotations.Nullable;

/**
 * The broker's own certificate authority. ECDSA P-256 with SHA-256 throughout; serials are
 * random (127 bits), so two processes issuing at once cannot collide, and every change to the
 * directory happens under a file lock (see the package documentation for the layout).
 *
 * <p>Validity: CA 10 years, server 1 year (renewed at start when fewer than 30 days remain or a
 * listener address is missing from its SANs), devices 1 year unless asked otherwise, CRL 1 year
 * (re-signed at every revocation and at start when fewer than 30 days remain).
 */
public final class CertificateAuthority {
    public static final Duration CA_VALIDITY = Duration.ofDays(3650);
    public static final Duration SERVER_VALIDITY = Duration.ofDays(365);
    public static final int DEVICE_DAYS_DEFAULT = 365;
    public static final int DEVICE_DAYS_MINIMUM = 1;
    public static final int DEVICE_DAYS_MAXIMUM = 3650;
    public static final Duration CRL_VALIDITY = Duration.ofDays(365);
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    /** Backdating of notBefore, so a device whose clock runs a little slow accepts a fresh certificate. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    public static final String SERVER_COMMON_NAME = "bastion-server";
    /** Device ids become file names and certificate CNs: a conservative alphabet. */
    public static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,127}");
    static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "::1");
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Object JVM_LOCK = new Object();

    private final CaFiles files;
    private final X509Certificate certificate;
    private final PrivateKey key;
    private final Clock clock;

    private CertificateAuthority(CaFiles files, X509Certificate certificate, PrivateKey key, Clock clock) {
        this.files = files;
        this.certificate = certificate;
        this.key = key;
        this.clock = clock;
    }

    /** Opens the CA in {@code dir}, creating it (key, certificate, empty CRL and index) if it does not exist. */
    public static CertificateAuthority openOrCreate(Path dir, Clock clock) {
        CaFiles files = new CaFiles(dir);
        try {
            CaFiles.createPrivateDirectory(dir);
            return withLock(files, () -> {
                if (!files.exists()) {
                    create(files, clock);
                }
                return load(files, clock);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("certificate authority in " + dir + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("certificate authority in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Opens an existing CA; fails with a message naming the directory if there is none. */
    public static CertificateAuthority open(Path dir, Clock clock) {
        CaFiles files = new CaFiles(dir);
        if (!files.exists()) {
            throw new IllegalStateException("no certificate authority in " + dir
                    + " (start the broker with a builtin_ca listener, or run 'bastion cert issue', to create one)");
        }
        return openOrCreate(dir, clock);
    }

    public CaFiles files() {
        return files;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Makes sure {@code server.pem} is signed by this CA, valid for more than 30 days, and names
     * every host in {@code hosts} (plus localhost, 127.0.0.1 and ::1) as a subject alternative
     * name; issues a new one otherwise. Also re-signs a CRL that is missing or close to expiry.
     *
     * @return true if a new server certificate was issued
     */
    public boolean ensureServerCertificate(Collection<String> hosts) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String h : LOOPBACK_NAMES) wanted.add(normalizeHost(h));
        for (String h : hosts) {
            if (!isWildcard(h)) wanted.add(normalizeHost(h));
        }
        try {
            return withLock(files, () -> {
                if (crlNeedsRefresh()) writeCrl(CaIndex.read(files.index()));
                if (serverCertificateCovers(wanted)) return false;
                KeyPair pair = newKeyPair();
                Instant now = clock.instant();
                BigInteger serial = newSerial();
                X509v3CertificateBuilder b = builder(serial, SERVER_COMMON_NAME, pair.getPublic(), now.minus(CLOCK_SKEW), now.plus(SERVER_VALIDITY));
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                b.addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames(wanted));
                X509Certificate cert = sign(b);
                CaFiles.writeAtomically(files.serverKey(), Pem.encodePrivateKey(pair.getPrivate()), CaFiles.OWNER_ONLY);
                CaFiles.writeAtomically(files.serverCert(), Pem.encode(cert) + Pem.encode(certificate), CaFiles.PUBLIC);
                record(new IssuedCertificate(serial, IssuedCertificate.Kind.SERVER, SERVER_COMMON_NAME, cert.getNotAfter().toInstant(), null));
                return true;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("server certificate in " + files.dir() + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("server certificate in " + files.dir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Issues a device certificate (CN = {@code deviceId}, client authentication only) valid from
     * now for {@code days}. With a CSR the device keeps its key and only the certificate is
     * written; without one a P-256 key is generated and written next to it ({@code 0600}).
     */
    public Issued issueDevice(String deviceId, @Nullable PKCS10CertificationRequest csr, Path outDir, int days) {
        if (days < DEVICE_DAYS_MINIMUM || days > DEVICE_DAYS_MAXIMUM) {
            throw new IllegalArgumentException("--days " + days + " is out of range " + DEVICE_DAYS_MINIMUM + ".." + DEVICE_DAYS_MAXIMUM);
        }
        Instant now = clock.instant();
        return issueDevice(deviceId, csr, outDir, now.minus(CLOCK_SKEW), now.plus(Duration.ofDays(days)));
    }

    /** {@link #issueDevice(String, PKCS10CertificationRequest, Path, int)} with an explicit validity window. */
    public Issued issueDevice(String deviceId, @Nullable PKCS10CertificationRequest csr, Path outDir, Instant notBefore, Instant notAfter) {
        if (!DEVICE_ID.matcher(deviceId).matches()) {
            throw new IllegalArgumentException("'" + deviceId + "' is not a valid device id: use 1 to 128 of A-Z a-z 0-9 _ . @ -,"
                    + " starting with a letter or digit");
        }
        Path certFile = outDir.resolve(deviceId + ".pem");
        Path keyFile = outDir.resolve(deviceId + "-key.pem");
        for (Path f : csr == null ? List.of(certFile, keyFile) : List.of(certFile)) {
            if (Files.exists(f)) {
                throw new IllegalArgumentException(f + " already exists: move it away, or choose another --out directory");
            }
        }
        try {
            PublicKey publicKey;
            @Nullable PrivateKey privateKey = null;
            if (csr != null) {
                publicKey = verifiedKey(csr);
            } else {
                KeyPair pair = newKeyPair();
                publicKey = pair.getPublic();
                privateKey = pair.getPrivate();
            }
            PrivateKey generated = privateKey;
            return withLock(files, () -> {
                BigInteger serial = newSerial();
                X509v3CertificateBuilder b = builder(serial, deviceId, publicKey, notBefore, notAfter);
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                X509Certificate cert = sign(b);
                CaFiles.createPrivateDirectory(outDir);
                if (generated != null) {
                    CaFiles.writeAtomically(keyFile, Pem.encodePrivateKey(generated), CaFiles.OWNER_ONLY);
                }
                CaFiles.writeAtomically(certFile, Pem.encode(cert), CaFiles.PUBLIC);
                IssuedCertificate entry = new IssuedCertificate(serial, IssuedCertificate.Kind.DEVICE, deviceId, notAfter, null);
                record(entry);
                return new Issued(entry, certFile, generated == null ? null : keyFile);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("issuing " + deviceId + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Revokes every unrevoked device certificate whose CN is {@code deviceId}, and re-signs the CRL. */
    public List<IssuedCertificate> revokeDevice(String deviceId) {
        return revoke(e -> e.kind() == IssuedCertificate.Kind.DEVICE && e.commonName().equals(deviceId));
    }

    /** Revokes the certificate with this serial, and re-signs the CRL. */
    public List<IssuedCertificate> revoke(BigInteger serial) {
        return revoke(e -> e.serial().equals(serial));
    }

    private List<IssuedCertificate> revoke(java.util.function.Predicate<IssuedCertificate> which) {
        try {
            return withLock(files, () -> {
                Instant now = clock.instant();
                List<IssuedCertificate> all = CaIndex.read(files.index());
                List<IssuedCertificate> revoked = new ArrayList<>();
                for (int i = 0; i < all.size(); i++) {
                    IssuedCertificate e = all.get(i);
                    if (!e.revoked() && which.test(e)) {
                        all.set(i, e.revokedAt(now));
                        revoked.add(all.get(i));
                    }
                }
                if (!revoked.isEmpty()) {
                    writeCrl(all); // the CRL first: a crash between the two leaves the index behind, never the CRL
                    CaIndex.write(files.index(), all);
                }
                return revoked;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("revoking: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("revoking: " + e.getMessage(), e);
        }
    }

    /** Every certificate this CA issued, in issue order. */
    public List<IssuedCertificate> list() {
        try {
            return CaIndex.read(files.index());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A certificate and where it was written; {@code keyFile} is null when a CSR supplied the key. */
    public record Issued(IssuedCertificate entry, Path certFile, @Nullable Path keyFile) {}

    // ---- internals -------------------------------------------------------------------------

    private static void create(CaFiles files, Clock clock) throws IOException {
        try {
            KeyPair pair = newKeyPair();
            Instant now = clock.instant();
            String name = "BastionMQ CA " + HexFormat.of().formatHex(RANDOM.generateSeed(4));
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "BastionMQ").addRDN(BCStyle.CN, name).build();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, newSerial(), Date.from(now.minus(CLOCK_SKEW)),
                    Date.from(now.plus(CA_VALIDITY)), subject, pair.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0)); // a CA that signs only end entities
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer(pair.getPrivate())));
            // The key first: a CA certificate without its key is useless; the reverse is re-creatable.
            CaFiles.writeAtomically(files.caKey(), Pem.encodePrivateKey(pair.getPrivate()), CaFiles.OWNER_ONLY);
            CaFiles.writeAtomically(files.caCert(), Pem.encode(cert), CaFiles.PUBLIC);
            CertificateAuthority ca = new CertificateAuthority(files, cert, pair.getPrivate(), clock);
            CaIndex.write(files.index(), List.of());
            ca.writeCrl(List.of());
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the CA: " + e.getMessage(), e);
        }
    }

    private static CertificateAuthority load(CaFiles files, Clock clock) throws IOException {
        try {
            X509Certificate cert = Pem.readCertificates(files.caCert()).get(0);
            PrivateKey key = Pem.readPrivateKey(files.caKey());
            return new CertificateAuthority(files, cert, key, clock);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the CA in " + files.dir() + ": " + e.getMessage(), e);
        }
    }

    private void writeCrl(List<IssuedCertificate> entries) throws IOException {
        Instant now = clock.instant();
        X509v2CRLBuilder b = new X509v2CRLBuilder(subject(), Date.from(now));
        b.setNextUpdate(Date.from(now.plus(CRL_VALIDITY)));
        for (IssuedCertificate e : entries) {
            Instant revokedAt = e.revokedAt();
            if (revokedAt != null) {
                b.addCRLEntry(e.serial(), Date.from(revokedAt), (Extensions) null);
            }
        }
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
            // RFC 5280 5.2.3: monotonically increasing; milliseconds since the epoch are, across processes.
            b.addExtension(Extension.cRLNumber, false, new org.bouncycastle.asn1.x509.CRLNumber(BigInteger.valueOf(now.toEpochMilli())));
            X509CRL crl = new JcaX509CRLConverter().getCRL(b.build(signer(key)));
            CaFiles.writeAtomically(files.crl(), Pem.encode(crl), CaFiles.PUBLIC);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot sign the CRL: " + e.getMessage(), e);
        }
    }

    private boolean crlNeedsRefresh() {
        try {
            X509CRL crl = Pem.readCrl(files.crl());
            crl.verify(certificate.getPublicKey());
            Date next = crl.getNextUpdate();
            return next == null || next.toInstant().isBefore(clock.instant().plus(RENEW_BEFORE));
        } catch (IOException | GeneralSecurityException e) {
            return true;
        }
    }

    private boolean serverCertificateCovers(Set<String> hosts) {
        if (!Files.isRegularFile(files.serverCert()) || !Files.isRegularFile(files.serverKey())) return false;
        try {
            X509Certificate cert = Pem.readCertificates(files.serverCert()).get(0);
            cert.verify(certificate.getPublicKey());
            if (cert.getNotAfter().toInstant().isBefore(clock.instant().plus(RENEW_BEFORE))) return false;
            Set<String> names = new LinkedHashSet<>();
            var sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) names.add(normalizeHost(String.valueOf(san.get(1))));
            }
            return names.containsAll(hosts);
        } catch (IOException | GeneralSecurityException e) {
            return false;
        }
    }

    private X509v3CertificateBuilder builder(BigInteger serial, String commonName, PublicKey publicKey, Instant notBefore, Instant notAfter)
            throws IOException {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject(), serial, Date.from(notBefore), Date.from(notAfter), subject, publicKey);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(publicKey));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        return b;
    }

    private X509Certificate sign(X509v3CertificateBuilder b) throws IOException {
        try {
            return new JcaX509CertificateConverter().getCertificate(b.build(signer(key)));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot sign the certificate: " + e.getMessage(), e);
        }
    }

    private X500Name subject() {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }

    private void record(IssuedCertificate entry) throws IOException {
        List<IssuedCertificate> all = CaIndex.read(files.index());
        all.add(entry);
        CaIndex.write(files.index(), all);
    }

    /** The CSR's public key, after checking the CSR is signed by the matching private key (proof of possession). */
    private static PublicKey verifiedKey(PKCS10CertificationRequest csr) throws GeneralSecurityException {
        try {
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo()))) {
                throw new GeneralSecurityException("the CSR's signature does not verify: it was not made with the key it carries");
            }
            PublicKey key = new JcaPKCS10CertificationRequest(csr).getPublicKey();
            if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < 2048) {
                throw new GeneralSecurityException("the CSR's RSA key has " + rsa.getModulus().bitLength() + " bits; at least 2048 are required");
            }
            if (!key.getAlgorithm().equals("EC") && !key.getAlgorithm().equals("RSA")) {
                throw new GeneralSecurityException("the CSR's key is " + key.getAlgorithm() + "; use an EC (P-256) or RSA key");
            }
            return key;
        } catch (OperatorCreationException | PKCSException e) {
            throw new GeneralSecurityException("the CSR cannot be verified: " + e.getMessage(), e);
        }
    }

    private static GeneralNames subjectAlternativeNames(Set<String> hosts) {
        List<GeneralName> names = new ArrayList<>();
        for (String h : hosts) {
            names.add(isIpLiteral(h) ? new GeneralName(GeneralName.iPAddress, h) : new GeneralName(GeneralName.dNSName, h));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    /** IP literals in one spelling ({@code 0:0:0:0:0:0:0:1} for {@code ::1}); names in lower case. */
    static String normalizeHost(String host) {
        if (!isIpLiteral(host)) return host.toLowerCase(Locale.ROOT);
        try {
            return InetAddress.getByName(host).getHostAddress(); // a literal: parsed, never resolved
        } catch (java.net.UnknownHostException e) {
            return host;
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return g.generateKeyPair();
    }

    private static BigInteger newSerial() {
        return new BigInteger(127, RANDOM).setBit(126); // positive, 16 bytes, never zero (RFC 5280 4.1.2.2)
    }

    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder(SIGNATURE).build(key);
    }

    private interface LockedAction<T> {
        T run() throws IOException, GeneralSecurityException;
    }

    /** Serializes writers: threads of this JVM through a monitor, processes through a file lock. */
    private static <T> T withLock(CaFiles files, LockedAction<T> action) throws IOException, GeneralSecurityException {
        synchronized (JVM_LOCK) {
            try (FileChannel ch = FileChannel.open(files.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                return action.run();
            }
        }
    }
}
