package io.bastionmq.limits;

import io.bastionmq.store.BanRecord;
import java.time.Instant;

/**
 * One entry of the ban list (THREATS.md C17).
 *
 * @param kind      what is banned
 * @param value     the client id, the user name, or the address or CIDR block in canonical form
 * @param reason    why, for operators (never sent to the client)
 * @param createdAt when the ban was made
 * @param expiresAt when it ends; {@link Instant#MAX} for never
 */
public record Ban(BanKind kind, String value, String reason, Instant createdAt, Instant expiresAt) {
    /** Reasons are for people; a longer one is cut, so a record always fits the store's string fields. */
    static final int MAX_REASON_LENGTH = 500;

    public Ban {
        if (kind == BanKind.ADDRESS) {
            value = Cidr.parse(value).toString(); // canonical, so "10.1.2.3/8" and "10.0.0.0/8" are one ban
        } else if (value.isEmpty() || value.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException("a banned " + kind.spelling() + " must be non-empty and free of U+0000");
        }
        if (reason.length() > MAX_REASON_LENGTH) {
            reason = reason.substring(0, MAX_REASON_LENGTH);
        }
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("a ban must expire after it is made");
        }
    }

    public boolean isPermanent() {
        return expiresAt.equals(Instant.MAX);
    }

    public boolean isActive(Instant now) {
        return now.isBefore(expiresAt);
    }

    BanRecord toRecord() {
        return new BanRecord(kind.spelling(), value, reason, createdAt.toEpochMilli(),
                isPermanent() ? Long.MAX_VALUE : expiresAt.toEpochMilli());
    }

    static Ban fromRecord(BanRecord r) {
        Instant expires = r.expiresAtMillis() == Long.MAX_VALUE ? Instant.MAX : Instant.ofEpochMilli(r.expiresAtMillis());
        return new Ban(BanKind.fromSpelling(r.kind()), r.value(), r.reason(), Instant.ofEpochMilli(r.createdAtMillis()), expires);
    }
}
