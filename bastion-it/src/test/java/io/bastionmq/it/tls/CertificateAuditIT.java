package io.bastionmq.it.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bastionmq.config.TlsConfig;
import io.bastionmq.security.ca.CertificateAuthority;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** THREATS.md C25: client certificates refused at the handshake are in the audit log; good ones are not. */
class CertificateAuditIT {
    @TempDir
    Path dir;

    @Test
    void rejectedClientCertificatesAreAudited() throws Exception {
        try (TlsBroker broker = TlsBroker.start(dir, TlsConfig.ClientAuth.REQUIRED, new TlsConfig.Identity(TlsConfig.UsernameFrom.CN, true), false)) {
            CertificateAuthority other = CertificateAuthority.openOrCreate(dir.resolve("other-ca"), Clock.systemUTC());
            refused(broker, TlsBroker.Device.of(other.issueDevice("dev-1", null, dir.resolve("rogue"), 30)));
            refused(broker, broker.issueExpired("dev-old"));
            TlsBroker.Device good = broker.issue("dev-2");
            try (SSLSocket s = TlsWire.open(broker.clientContext(good), broker.port())) {
                assertThat(TlsWire.connect(s, "dev-2", true)).isZero();
            }
        }
        String log = Files.readString(dir.resolve("audit").resolve("audit.log"));
        assertThat(log.lines().filter(l -> l.contains("\"event\":\"certificate_rejected\"")).count()).isEqualTo(2);
        assertThat(log).contains("\"listener\":\"tls\"");
    }

    private static void refused(TlsBroker broker, TlsBroker.Device device) throws Exception {
        SSLContext ctx = broker.clientContext(device);
        assertThatThrownBy(() -> {
            try (SSLSocket s = TlsWire.open(ctx, broker.port())) {
                TlsWire.connect(s, device.id(), true);
            }
        }).isInstanceOfAny(SSLException.class, java.net.SocketException.class, java.io.EOFException.class);
    }
}
