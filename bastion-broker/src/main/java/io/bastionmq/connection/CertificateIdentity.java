package io.bastionmq.connection;

import io.bastionmq.codec.reason.ConnAckReason;
import io.bastionmq.config.TlsConfig;
import io.bastionmq.security.x509.PeerIdentity;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a verified client certificate means for a CONNECT (THREATS.md C5, C8). The certificate
 * was checked at the TLS handshake (chain, validity, CRL); here it is bound to MQTT:
 * <ul>
 *   <li>{@code require_client_id_match}: the client identifier must equal the certificate CN, so a
 *       captured device certificate opens only that device's session (0x85, 3.1.1: 0x02);</li>
 *   <li>{@code username_from}: the CN or a SAN replaces the CONNECT user name;</li>
 *   <li>a client whose certificate verified is authenticated by it, so a listener that asks for
 *       certificates admits it even with {@code allow_anonymous: false}.</li>
 * </ul>
 * A client without a certificate (client_auth optional) is not affected by these rules.
 */
final class CertificateIdentity {
    private CertificateIdentity() {}

    /**
     * The outcome for one CONNECT.
     *
     * @param refusal       the CONNACK reason if the CONNECT is refused, else null
     * @param why           the reason string of a refusal
     * @param username      the user name the connection goes on with
     * @param authenticated the client proved its identity with a certificate
     */
    record Decision(@Nullable ConnAckReason refusal, String why, @Nullable String username, boolean authenticated) {
        static Decision refuse(ConnAckReason reason, String why) {
            return new Decision(reason, why, null, false);
        }
    }

    static Decision decide(@Nullable PeerIdentity peer, @Nullable TlsConfig tls, String clientId, @Nullable String username) {
        if (peer == null || tls == null) {
            return new Decision(null, "", username, false);
        }
        TlsConfig.Identity rules = tls.identity();
        if (rules.requireClientIdMatch() && !clientId.equals(peer.commonName())) {
            return Decision.refuse(ConnAckReason.CLIENT_IDENTIFIER_NOT_VALID,
                    "client identifier does not match the certificate common name");
        }
        String mapped = switch (rules.usernameFrom()) {
            case NONE -> username;
            case CN -> peer.commonName();
            case SAN_DNS -> first(peer.dnsNames());
            case SAN_EMAIL -> first(peer.emails());
        };
        if (rules.usernameFrom() != TlsConfig.UsernameFrom.NONE && mapped == null) {
            return Decision.refuse(ConnAckReason.NOT_AUTHORIZED,
                    "the certificate has no " + rules.usernameFrom().name().toLowerCase(java.util.Locale.ROOT) + " to use as user name");
        }
        return new Decision(null, "", mapped, true);
    }

    private static @Nullable String first(List<String> values) {
        return values.isEmpty() ? null : values.get(0);
    }
}
