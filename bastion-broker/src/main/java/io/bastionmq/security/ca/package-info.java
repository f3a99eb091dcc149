/**
 * The built-in certificate authority (THREATS.md C8, C10): one ECDSA P-256 CA per broker, kept in
 * {@code <data_dir>/ca/}, that signs the broker's server certificate and one certificate per
 * device, and publishes their revocations in a signed CRL the TLS listeners reload on change.
 *
 * <p>Files (keys {@code 0600}, the directory {@code 0700}):
 * <pre>
 * ca/ca.pem  ca-key.pem          CA certificate (10 years) and key
 * ca/server.pem  server-key.pem  server certificate (1 year; SANs localhost, 127.0.0.1, ::1, binds)
 * ca/crl.pem                     CRL, re-signed at every revocation
 * ca/index.tsv                   every certificate issued: serial, CN, not-after, status
 * ca/devices/ID.pem  ID-key.pem  device certificates (when no --out is given)
 * </pre>
 * Writers take a file lock, and every file is replaced by an atomic rename, so a running broker
 * polling these files never reads half a file.
 */
@NullMarked
package io.bastionmq.security.ca;

import org.jspecify.annotations.NullMarked;
