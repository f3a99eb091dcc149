package io.bastionmq.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bastionmq.security.audit.AuditLog;
import io.bastionmq.security.authn.Enrolment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one admin request: checks the token in constant time, then hands the request to the
 * {@link AdminArea} that owns the command ({@link BanAdmin}, {@link UserAdmin}, {@link AclAdmin},
 * {@link CertAdmin}). Requests and answers are JSON objects; an answer is {@code {"ok":true,...}}
 * or {@code {"ok":false,"error":"..."}}. Passwords, secrets and keys are never logged. Thread-safe
 * when the areas are (they are).
 */
public final class AdminCommands {
    private static final Logger log = LoggerFactory.getLogger(AdminCommands.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] token;
    private final AuditLog audit;
    private final Map<String, Function<Request, ObjectNode>> commands = new TreeMap<>();

    public AdminCommands(String token, AuditLog audit, List<AdminArea> areas) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.audit = audit;
        for (AdminArea area : areas) {
            area.commands().forEach((name, command) -> {
                if (commands.putIfAbsent(name, command) != null) {
                    throw new IllegalArgumentException("admin command '" + name + "' is served by two areas");
                }
            });
        }
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
            audit.authFailed(AdminArea.ACTOR, null, "local", "admin", "wrong or missing admin token");
            log.warn("admin endpoint: request with a wrong or missing token refused");
            return error("wrong or missing token");
        }
        String name = request.path("command").asText("");
        Function<Request, ObjectNode> command = commands.get(name);
        if (command == null) {
            return error("unknown command '" + name + "' (" + String.join(", ", commands.keySet()) + ")");
        }
        try {
            ObjectNode answer = command.apply(new Request(request));
            log.info("admin endpoint: {} done", name);
            return answer;
        } catch (BadRequest | IllegalArgumentException | Enrolment.RefusedException e) {
            log.info("admin endpoint: {} refused: {}", name, e.getMessage());
            return error(String.valueOf(e.getMessage()));
        } catch (RuntimeException e) {
            log.error("admin endpoint: {} failed", name, e);
            return error("internal error: " + e.getClass().getSimpleName());
        }
    }

    private boolean tokenMatches(@Nullable JsonNode provided) {
        byte[] given = provided != null && provided.isTextual() ? provided.asText().getBytes(StandardCharsets.UTF_8) : new byte[0];
        return MessageDigest.isEqual(token, given);
    }

    static ObjectNode ok() {
        return JSON.createObjectNode().put("ok", true);
    }

    static ObjectNode error(String message) {
        return JSON.createObjectNode().put("ok", false).put("error", message);
    }
}
