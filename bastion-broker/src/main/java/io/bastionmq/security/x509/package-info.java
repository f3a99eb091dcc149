/**
 * X.509 client certificates as identities (THREATS.md C5, C8): what a verified certificate says
 * about the device that presented it.
 */
@NullMarked
package io.bastionmq.security.x509;

import org.jspecify.annotations.NullMarked;
