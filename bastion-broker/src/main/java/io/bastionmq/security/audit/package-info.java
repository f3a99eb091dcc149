/**
 * The security audit log (THREATS.md T10, control C25): append-only JSON lines, written by one
 * background thread from a bounded queue so that no event loop ever waits on the disk. See
 * docs/security.md, "Audit log".
 */
@NullMarked
package io.bastionmq.security.audit;

import org.jspecify.annotations.NullMarked;
