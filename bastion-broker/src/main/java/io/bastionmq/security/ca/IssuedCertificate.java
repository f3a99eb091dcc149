package io.bastionmq.security.ca;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One certificate the CA has signed, as its index records it.
 *
 * @param serial     serial number (random, 127 bits)
 * @param kind       server or device certificate
 * @param commonName subject CN: the device id, or {@code bastion-server}
 * @param notAfter   end of validity
 * @param revokedAt  when it was revoked, or null if it was not
 */
public record IssuedCertificate(BigInteger serial, Kind kind, String commonName, Instant notAfter,
                                @Nullable Instant revokedAt) {
    /** What the certificate is for. */
    public enum Kind { SERVER, DEVICE }

    public boolean revoked() {
        return revokedAt != null;
    }

    public String serialHex() {
        return serial.toString(16).toUpperCase(Locale.ROOT);
    }

    IssuedCertificate revokedAt(Instant when) {
        return new IssuedCertificate(serial, kind, commonName, notAfter, when);
    }
}
