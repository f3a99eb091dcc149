package io.bastionmq.security.ca;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** THREATS.md C8, C10: the built-in CA creates, issues, revokes and publishes a signed CRL. */
class CertificateAuthorityTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void createsAnEcdsaP256CaForTenYearsWithPrivateKeysOwnerOnly() throws Exception {
        CertificateAuthority ca = CertificateAuthority.openOrCreate(dir.resolve("ca"), clock);
        X509Certificate cert = ca.certificate();
        assertThat(cert.getBasicConstraints()).isZero(); // a CA, path length 0
        assertThat(cert.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(((ECPublicKey) cert.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(Duration.between(NOW, cert.getNotAfter().toInstant())).isEqualTo(CertificateAuthority.CA_VALIDITY);
        CaFiles f = ca.files();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.caKey()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.dir()))).isEqualTo("rwx------");
        assertThat(Pem.readCrl(f.crl()).getRevokedCertificates()).isNull();
        assertThat(ca.list()).isEmpty();
    }

    @Test
    void reopeningKeepsTheSameCa() {
        X509Certificate first = CertificateAuthority.openOrCreate(dir, clock).certificate();
        assertThat(CertificateAuthority.open(dir, clock).certificate()).isEqualTo(first);
    }

    @Test
    void openRefusesAMissingCaWithAHint() {
        assertThatThrownBy(() -> CertificateAuthority.open(dir.resolve("nothing"), clock))
                .hasMessageContaining("no certificate authority").hasMessageContaining("bastion cert issue");
    }

    @Test
    void serverCertificateNamesLoopbackAndTheBindAddressAndIsReissuedOnlyWhenNeeded() throws Exception {
        CertificateAuthority ca = CertificateAuthority.openOrCreate(dir, clock);
        assertThat(ca.ensureServerCertificate(List.of("127.0.0.1", "0.0.0.0"))).isTrue();
        X509Certificate server = Pem.readCertificates(ca.files().serverCert()).get(0);
        server.verify(ca.certificate().getPublicKey());
        assertThat(List.copyOf(server.getSubjectAlternativeNames())).extracting(san -> String.valueOf(san.get(1)))
                .containsExactlyInAnyOrder("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1"); // serverAuth
        assertThat(Duration.between(NOW, server.getNotAfter().toInstant())).isEqualTo(CertificateAuthority.SERVER_VALIDITY);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ca.files().serverKey()))).isEqualTo("rw-------");

        assertThat(ca.ensureServerCertificate(List.of("::1"))).as("already covered").isFalse();
        assertThat(ca.ensureServerCertificate(List.of("192.168.7.1"))).as("new bind address").isTrue();
        assertThat(List.copyOf(Pem.readCertificates(ca.files().serverCert()).get(0).getSubjectAlternativeNames()))
                .extracting(san -> String.valueOf(san.get(1))).contains("192.168.7.1");
        Clock nearExpiry = Clock.offset(clock, CertificateAuthority.SERVER_VALIDITY.minusDays(10));
        assertThat(CertificateAuthority.open(dir, nearExpiry).ensureServerCertificate(List.of())).as("renewal").isTrue();
    }

    @Test
    void issuesADeviceCertificateWithAGeneratedKey() throws Exception {
        CertificateAuthority ca = CertificateAuthority.openOrCreate(dir.resolve("ca"), clock);
        CertificateAuthority.Issued issued = ca.issueDevice("dev-1", null, dir.resolve("out"), 30);
        X509Certificate cert = Pem.readCertificates(issued.certFile()).get(0);
        cert.verify(ca.certificate().getPublicKey());
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=dev-1");
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2"); // clientAuth
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(cert.getSerialNumber()).isEqualTo(issued.entry().serial());
        PrivateKey key = Pem.readPrivateKey(java.util.Objects.requireNonNull(issued.keyFile()));
        assertThat(key.getAlgorithm()).isEqualTo("EC");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(issued.keyFile()))).isEqualTo("rw-------");
        assertThat(ca.list()).singleElement().satisfies(e -> {
            assertThat(e.commonName()).isEqualTo("dev-1");
            assertThat(e.kind()).isEqualTo(IssuedCertificate.Kind.DEVICE);
            assertThat(e.revoked()).isFalse();
        });
    }

    @Test
    void issuesForACsrWithTheDevicesOwnKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair device = g.generateKeyPair();
        PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=whatever"), device.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(device.getPrivate()));
        CertificateAuthority ca = CertificateAuthority.openOrCreate(dir.resolve("ca"), clock);
        CertificateAuthority.Issued issued = ca.issueDevice("sensor-7", csr, dir.resolve("out"), 365);
        assertThat(issued.keyFile()).isNull();
        X509Certificate cert = Pem.readCertificates(issued.certFile()).get(0);
        assertThat(cert.getPublicKey()).isEqualTo(device.getPublic());
        assertThat(cert.getSubjectX500Principal().getName()).as("the CN is the device id, not the CSR's").isEqualTo("CN=sensor-7");
    }

    @Test
    void refusesACsrNotSignedByItsKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair claimed = g.generateKeyPair();
        KeyPair other = g.generateKeyPair();
        PKCS10CertificationRequest forged = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=x"), claimed.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(other.getPrivate()));
        CertificateAuthority ca = CertificateAuthority.openOrCreate(dir, clock);
        assertThatThrownBy(() -> ca.issueDevice("dev-x", forged, dir.resolve("out"), 30)).hasMessageContaining("signature");
    }

    @Test
    void refusesBadDeviceIdsDaysAndOverwrites() {
        CertificateAuthority ca = CertificateAuthority.openOrCreate(dir.resolve("ca"), clock);
        assertThatThrownBy(() -> ca.issueDevice("../etc/passwd", null, dir, 30)).hasMessageContaining("not a valid device id");
        assertThatThrownBy(() -> ca.issueDevice("dev", null, dir, 0)).hasMessageContaining("out of range");
        ca.issueDevice("dev", null, dir, 30);
        assertThatThrownBy(() -> ca.issueDevice("dev", null, dir, 30)).hasMessageContaining("already exists");
    }

    @Test
    void revokingPublishesASignedCrlAndMarksTheIndex() throws Exception {
        CertificateAuthority ca = CertificateAuthority.openOrCreate(dir.resolve("ca"), clock);
        CertificateAuthority.Issued one = ca.issueDevice("dev-1", null, dir.resolve("a"), 30);
        CertificateAuthority.Issued two = ca.issueDevice("dev-2", null, dir.resolve("b"), 30);

        List<IssuedCertificate> revoked = ca.revokeDevice("dev-1");
        assertThat(revoked).extracting(IssuedCertificate::serial).containsExactly(one.entry().serial());
        X509CRL crl = Pem.readCrl(ca.files().crl());
        crl.verify(ca.certificate().getPublicKey());
        assertThat(crl.isRevoked(Pem.readCertificates(one.certFile()).get(0))).isTrue();
        assertThat(crl.isRevoked(Pem.readCertificates(two.certFile()).get(0))).isFalse();
        assertThat(crl.getNextUpdate().toInstant()).isEqualTo(NOW.plus(CertificateAuthority.CRL_VALIDITY));

        assertThat(ca.revoke(two.entry().serial())).hasSize(1);
        assertThat(Pem.readCrl(ca.files().crl()).getRevokedCertificates()).hasSize(2);
        assertThat(ca.list()).allMatch(IssuedCertificate::revoked);
        assertThat(ca.revokeDevice("dev-1")).as("nothing left to revoke").isEmpty();
        assertThat(ca.revoke(BigInteger.TEN)).isEmpty();
    }

    @Test
    void canIssueAnAlreadyExpiredCertificateForTests() throws Exception {
        CertificateAuthority ca = CertificateAuthority.openOrCreate(dir.resolve("ca"), clock);
        CertificateAuthority.Issued old = ca.issueDevice("old", null, dir, NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(1)));
        assertThatThrownBy(() -> Pem.readCertificates(old.certFile()).get(0).checkValidity(java.util.Date.from(NOW)))
                .isInstanceOf(java.security.cert.CertificateExpiredException.class);
    }
}
