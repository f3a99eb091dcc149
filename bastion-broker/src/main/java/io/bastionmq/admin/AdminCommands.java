package io.bastionmq.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bastionmq.config.DurationSyntax;
import io.bastionmq.limits.Ban;
import io.bastionmq.limits.BanKind;
import io.bastionmq.limits.BanList;
import io.bastionmq.limits.Cidr;
import io.bastionmq.security.audit.AuditLog;
import io.bastionmq.security.authn.Enrolment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one admin request: checks the token in constant time, then runs the command against the
 * running broker's ban list or enrolment. Requests and answers are JSON objects; an answer is
 * {@code {"ok":true,...}} or {@code {"ok":false,"error":"..."}}. Passwords are never logged nor
 * echoed. Thread-safe (the ban list and the enrolment are).
 *
 * <p>Commands: {@code ban.add} (kind, value, optional duration and reason), {@code ban.list},
 * {@code ban.remove} (kind, value), {@code user.disable}, {@code user.enable}, {@code user.delete}
 * (name) and {@code user.passwd} (name, password; the password policy applies).
 */
public final class AdminCommands {
    private static final Logger log = LoggerFactory.getLogger(AdminCommands.class);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String DEFAULT_REASON = "banned by an operator";

    private final byte[] token;
    private final BanList bans;
    private final Enrolment enrolment;
    private final AuditLog audit;
    private final Clock clock;

    public AdminCommands(String token, BanList bans, Enrolment enrolment, AuditLog audit, Clock clock) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.bans = bans;
        this.enrolment = enrolment;
        this.audit = audit;
        this.clock = clock;
    }

    /** A refused request; the message goes back to the caller. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    /** Answers one request line (without its newline). */
    public ObjectNode handle(String line) {
        JsonNode request;
        try {
            request = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return error("malformed request: one JSON object per line expected");
        }
        if (request == null || !request.isObject()) {
            return error("malformed request: one JSON object per line expected");
        }
        if (!tokenMatches(request.get("token"))) {
            audit.authFailed("admin-endpoint", null, "local", "admin", "wrong or missing admin token");
            log.warn("admin endpoint: request with a wrong or missing token refused");
            return error("wrong or missing token");
        }
        String command = request.path("command").asText("");
        try {
            ObjectNode answer = run(command, request);
            log.info("admin endpoint: {} done", command);
            return answer;
        } catch (BadRequest | IllegalArgumentException | Enrolment.RefusedException e) {
            log.info("admin endpoint: {} refused: {}", command, e.getMessage());
            return error(String.valueOf(e.getMessage()));
        } catch (RuntimeException e) {
            log.error("admin endpoint: {} failed", command, e);
            return error("internal error: " + e.getClass().getSimpleName());
        }
    }

    private boolean tokenMatches(@Nullable JsonNode provided) {
        byte[] given = provided != null && provided.isTextual() ? provided.asText().getBytes(StandardCharsets.UTF_8) : new byte[0];
        return MessageDigest.isEqual(token, given);
    }

    private ObjectNode run(String command, JsonNode request) {
        return switch (command) {
            case "ban.add" -> banAdd(request);
            case "ban.list" -> banList();
            case "ban.remove" -> banRemove(request);
            case "user.disable" -> ok().put("name", name(request)).put("cut", enrolment.disable(name(request)));
            case "user.enable" -> {
                String name = name(request);
                enrolment.enable(name);
                yield ok().put("name", name);
            }
            case "user.delete" -> ok().put("name", name(request)).put("cut", enrolment.delete(name(request)));
            case "user.passwd" -> userPasswd(request);
            default -> throw new BadRequest("unknown command '" + command + "' (ban.add, ban.list, ban.remove, user.disable,"
                    + " user.enable, user.delete, user.passwd)");
        };
    }

    private ObjectNode banAdd(JsonNode request) {
        BanKind kind = kind(request);
        String value = text(request, "value");
        Instant now = clock.instant();
        @Nullable String duration = optionalText(request, "duration");
        Instant expires = duration == null ? Instant.MAX : now.plus(DurationSyntax.parse(duration));
        @Nullable String reason = optionalText(request, "reason");
        Ban ban = bans.add(new Ban(kind, value, reason == null ? DEFAULT_REASON : reason, now, expires));
        return ok().set("ban", json(ban));
    }

    private ObjectNode banList() {
        ArrayNode list = JSON.createArrayNode();
        bans.all().forEach(b -> list.add(json(b)));
        return ok().set("bans", list);
    }

    private ObjectNode banRemove(JsonNode request) {
        BanKind kind = kind(request);
        String value = text(request, "value");
        if (kind == BanKind.ADDRESS) {
            Cidr.parse(value);
        }
        return ok().put("removed", bans.remove(kind, value));
    }

    private ObjectNode userPasswd(JsonNode request) {
        String name = name(request);
        char[] password = text(request, "password").toCharArray();
        try {
            enrolment.setPassword(name, password);
        } finally {
            Arrays.fill(password, '\0');
        }
        return ok().put("name", name);
    }

    /** client_id, username, address, or cidr (an address block is an address ban). */
    private static BanKind kind(JsonNode request) {
        String kind = text(request, "kind").toLowerCase(Locale.ROOT);
        return "cidr".equals(kind) ? BanKind.ADDRESS : BanKind.fromSpelling(kind);
    }

    private static String name(JsonNode request) {
        return text(request, "name");
    }

    private static String text(JsonNode request, String field) {
        JsonNode v = request.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new BadRequest("'" + field + "' is missing: a non-empty string is expected");
        }
        return v.asText();
    }

    private static @Nullable String optionalText(JsonNode request, String field) {
        JsonNode v = request.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new BadRequest("'" + field + "' must be a string");
        }
        return v.asText();
    }

    static ObjectNode json(Ban ban) {
        ObjectNode n = JSON.createObjectNode();
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

    private static ObjectNode ok() {
        return JSON.createObjectNode().put("ok", true);
    }

    static ObjectNode error(String message) {
        return JSON.createObjectNode().put("ok", false).put("error", message);
    }
}
