package io.bastionmq.limits;

import java.util.Locale;

/** What a ban names. The spelling is what the store, the CLI and the logs use. */
public enum BanKind {
    /** A client identifier, checked at CONNECT (MQTT5 3.1.3.1). */
    CLIENT_ID,
    /** A user name from CONNECT (MQTT5 3.1.3.5). */
    USERNAME,
    /** An IPv4 or IPv6 address or CIDR block, checked when the TCP connection opens. */
    ADDRESS;

    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BanKind fromSpelling(String text) {
        for (BanKind k : values()) {
            if (k.spelling().equals(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown ban kind '" + text + "'");
    }
}
