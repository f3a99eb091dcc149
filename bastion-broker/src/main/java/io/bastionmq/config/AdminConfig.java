package io.bastionmq.config;

/**
 * The {@code admin:} section: the local admin endpoint, a Unix domain socket
 * {@code <data_dir>/admin.sock} guarded by the token in {@code <data_dir>/admin.token}, through
 * which {@code bastion ban} and {@code bastion user} manage a running broker.
 *
 * @param enabled open the endpoint (only a broker on the RocksDB store has one: the CLI reaches it
 *                when that store is locked by the running broker)
 */
public record AdminConfig(boolean enabled) {
    public static final AdminConfig DEFAULT = new AdminConfig(true);
}
