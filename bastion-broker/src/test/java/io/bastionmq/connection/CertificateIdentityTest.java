package io.bastionmq.connection;

import io.bastionmq.codec.reason.ConnAckReason;
import io.bastionmq.config.TlsConfig;
import io.bastionmq.config.TlsConfig.ClientAuth;
import io.bastionmq.config.TlsConfig.Identity;
import io.bastionmq.config.TlsConfig.UsernameFrom;
import io.bastionmq.security.x509.PeerIdentity;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** THREATS.md C8: how a verified client certificate binds the client id and the user name. */
class CertificateIdentityTest {
    private static final PeerIdentity DEV_1 = new PeerIdentity("CN=dev-1", "dev-1", List.of("dev-1.fleet.example"),
            List.of(), BigInteger.TEN, "CN=CA");

    private static TlsConfig tls(UsernameFrom from, boolean match) {
        return TlsConfig.builtin(ClientAuth.REQUIRED).with(ClientAuth.REQUIRED, new Identity(from, match));
    }

    @Test
    void withoutACertificateNothingChangesAndNobodyIsAuthenticated() {
        var d = CertificateIdentity.decide(null, tls(UsernameFrom.CN, true), "any", "alice");
        assertThat(d.refusal()).isNull();
        assertThat(d.username()).isEqualTo("alice");
        assertThat(d.authenticated()).isFalse();
    }

    @Test
    void aVerifiedCertificateAuthenticates() {
        var d = CertificateIdentity.decide(DEV_1, tls(UsernameFrom.NONE, false), "whatever", "bob");
        assertThat(d.authenticated()).isTrue();
        assertThat(d.username()).isEqualTo("bob");
    }

    @Test
    void clientIdMustMatchTheCommonNameWhenRequired() {
        assertThat(CertificateIdentity.decide(DEV_1, tls(UsernameFrom.NONE, true), "dev-2", null).refusal())
                .isEqualTo(ConnAckReason.CLIENT_IDENTIFIER_NOT_VALID);
        assertThat(CertificateIdentity.decide(DEV_1, tls(UsernameFrom.NONE, true), "dev-1", null).refusal()).isNull();
    }

    @Test
    void usernameComesFromTheCertificateAndOverridesConnect() {
        assertThat(CertificateIdentity.decide(DEV_1, tls(UsernameFrom.CN, false), "c", "spoofed").username()).isEqualTo("dev-1");
        assertThat(CertificateIdentity.decide(DEV_1, tls(UsernameFrom.SAN_DNS, false), "c", null).username())
                .isEqualTo("dev-1.fleet.example");
    }

    @Test
    void aMissingMappedFieldIsRefused() {
        var d = CertificateIdentity.decide(DEV_1, tls(UsernameFrom.SAN_EMAIL, false), "c", "x");
        assertThat(d.refusal()).isEqualTo(ConnAckReason.NOT_AUTHORIZED);
        assertThat(d.why()).contains("san_email");
    }
}
