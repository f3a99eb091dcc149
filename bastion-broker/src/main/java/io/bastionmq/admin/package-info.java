/**
 * The local admin endpoint of a running broker: a Unix domain socket {@code <data_dir>/admin.sock}
 * speaking one line of JSON per request and per answer, guarded by the random token the broker
 * writes to {@code <data_dir>/admin.token} (mode 0600) at every start. Every {@code bastion ban},
 * {@code user}, {@code device}, {@code acl} and {@code cert} command reaches it when a broker runs
 * on the data directory, so changes apply to live sessions at once (THREATS.md C10, C17) and are
 * audited by the broker's own log (C25). {@link io.bastionmq.admin.AdminCommands} checks the token
 * and dispatches to one {@link io.bastionmq.admin.AdminArea} per subject. Depends on
 * {@code limits} and {@code security}; nothing in the pipeline depends on it.
 */
@NullMarked
package io.bastionmq.admin;

import org.jspecify.annotations.NullMarked;
