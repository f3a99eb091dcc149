package io.bastionmq.security.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One line of the audit log. No field ever carries a password, a token or a key: callers pass
 * names and reasons only, and {@link #toJson()} writes exactly these fields.
 *
 * @param time     when it happened (written as ISO-8601 UTC)
 * @param event    what happened: {@code auth_success}, {@code auth_failure}, {@code authz_denied}, …
 * @param clientId the MQTT client id, or null when not known yet
 * @param username the user name, or null
 * @param remote   the peer address, or null
 * @param listener the listener name, or null
 * @param reason   why, in a few words
 */
public record AuditEvent(Instant time, String event, @Nullable String clientId, @Nullable String username,
                         @Nullable String remote, @Nullable String listener, String reason) {

    /** The event as one JSON object on one line. */
    public String toJson() {
        StringBuilder b = new StringBuilder(160).append('{');
        field(b, "time", time.toString()).append(',');
        field(b, "event", event).append(',');
        field(b, "client_id", clientId).append(',');
        field(b, "username", username).append(',');
        field(b, "remote", remote).append(',');
        field(b, "listener", listener).append(',');
        field(b, "reason", reason);
        return b.append('}').toString();
    }

    private static StringBuilder field(StringBuilder b, String name, @Nullable String value) {
        b.append('"').append(name).append("\":");
        if (value == null) {
            return b.append("null");
        }
        b.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c)); // one event per line, whatever a client id holds
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }
}
