package io.bastionmq.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bastionmq.config.DurationSyntax;
import io.bastionmq.limits.Ban;
import io.bastionmq.limits.BanKind;
import io.bastionmq.limits.BanList;
import io.bastionmq.limits.Cidr;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@code ban.add} (kind, value, optional duration and reason), {@code ban.list}, {@code ban.remove}
 * (kind, value) on the running broker's ban list, which cuts matching live connections itself
 * (THREATS.md C17).
 */
public final class BanAdmin implements AdminArea {
    static final String DEFAULT_REASON = "banned by an operator";

    private final BanList bans;
    private final Clock clock;

    public BanAdmin(BanList bans, Clock clock) {
        this.bans = bans;
        this.clock = clock;
    }

    @Override
    public Map<String, Function<Request, ObjectNode>> commands() {
        return Map.of("ban.add", this::add, "ban.list", r -> list(), "ban.remove", this::remove);
    }

    private ObjectNode add(Request request) {
        BanKind kind = kind(request);
        String value = request.text("value");
        Instant now = clock.instant();
        @Nullable String duration = request.optionalText("duration");
        Instant expires = duration == null ? Instant.MAX : now.plus(DurationSyntax.parse(duration));
        @Nullable String reason = request.optionalText("reason");
        Ban ban = bans.add(new Ban(kind, value, reason == null ? DEFAULT_REASON : reason, now, expires));
        return AdminCommands.ok().set("ban", json(ban));
    }

    private ObjectNode list() {
        ArrayNode list = AdminCommands.JSON.createArrayNode();
        bans.all().forEach(b -> list.add(json(b)));
        return AdminCommands.ok().set("bans", list);
    }

    private ObjectNode remove(Request request) {
        BanKind kind = kind(request);
        String value = request.text("value");
        if (kind == BanKind.ADDRESS) {
            Cidr.parse(value);
        }
        return AdminCommands.ok().put("removed", bans.remove(kind, value));
    }

    /** client_id, username, address, or cidr (an address block is an address ban). */
    private static BanKind kind(Request request) {
        String kind = request.text("kind").toLowerCase(Locale.ROOT);
        return "cidr".equals(kind) ? BanKind.ADDRESS : BanKind.fromSpelling(kind);
    }

    static ObjectNode json(Ban ban) {
        ObjectNode n = AdminCommands.JSON.createObjectNode();
        n.put("kind", ban.kind().spelling());
        n.put("value", ban.value());
        n.put("reason", ban.reason());
        n.put("created", ban.createdAt().toString());
        if (ban.isPermanent()) {
            n.putNull("expires");
        } else {
            n.put("expires", ban.expiresAt().toString());
        }
        return n;
    }
}
