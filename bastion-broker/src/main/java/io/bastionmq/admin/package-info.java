/**
 * The local admin endpoint of a running broker: a Unix domain socket {@code <data_dir>/admin.sock}
 * speaking one line of JSON per request and per answer, guarded by the random token the broker
 * writes to {@code <data_dir>/admin.token} (mode 0600) at every start. {@code bastion ban} and
 * {@code bastion user} reach it when the RocksDB store is locked by the running broker, so bans and
 * credential changes apply to live sessions at once (THREATS.md C10, C17). Depends on
 * {@code limits} and {@code security}; nothing in the pipeline depends on it.
 */
@NullMarked
package io.bastionmq.admin;

import org.jspecify.annotations.NullMarked;
