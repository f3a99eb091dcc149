/**
 * TLS on listeners (THREATS.md C7, C8, C10): the {@code SslContext} of each TLS listener
 * ({@link io.bastionmq.transport.tls.TlsContexts}), client certificate verification with
 * revocation ({@link io.bastionmq.transport.tls.ClientCertificateVerifier}), the handshake stage
 * that records the verified identity on the channel, and the watcher that reloads key material
 * and CRLs when their files change and cuts connections whose certificate was revoked
 * ({@link io.bastionmq.transport.tls.ServerTls}).
 */
@NullMarked
package io.bastionmq.transport.tls;

import org.jspecify.annotations.NullMarked;
