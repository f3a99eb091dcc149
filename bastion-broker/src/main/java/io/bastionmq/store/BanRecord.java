package io.bastionmq.store;

/**
 * One stored ban (THREATS.md C17). The store keeps bans as opaque text; the limits package gives
 * {@code kind} and {@code value} their meaning.
 *
 * @param kind            what is banned: {@code client_id}, {@code username} or {@code address}
 * @param value           the client id, the user name, or an address or CIDR block
 * @param reason          why, for operators
 * @param createdAtMillis when the ban was made (epoch milliseconds)
 * @param expiresAtMillis when it ends (epoch milliseconds); {@link Long#MAX_VALUE} for never
 */
public record BanRecord(String kind, String value, String reason, long createdAtMillis, long expiresAtMillis) {}
