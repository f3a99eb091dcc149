/**
 * Authorization (THREATS.md T2/T4, control C6): per-topic publish/subscribe rules, deny by
 * default, with placeholders, filter containment for wildcard subscriptions, {@code $SYS} for
 * administrators only, and a per-client decision cache invalidated by a rule version counter.
 * See docs/security.md, "Authorization".
 */
@NullMarked
package io.bastionmq.security.authz;

import org.jspecify.annotations.NullMarked;
