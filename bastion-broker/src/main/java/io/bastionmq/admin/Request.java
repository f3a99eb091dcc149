package io.bastionmq.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The fields of one admin request, read with the checks every command needs: a missing or
 * mistyped field is refused with a {@link AdminCommands.BadRequest} that names it.
 */
public final class Request {
    private final JsonNode node;

    Request(JsonNode node) {
        this.node = node;
    }

    /** A required non-empty string. */
    String text(String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new AdminCommands.BadRequest("'" + field + "' is missing: a non-empty string is expected");
        }
        return v.asText();
    }

    /** An optional string: null when absent or JSON null. */
    @Nullable String optionalText(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new AdminCommands.BadRequest("'" + field + "' must be a string");
        }
        return v.asText();
    }

    /** An optional boolean, false when absent. */
    boolean flag(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new AdminCommands.BadRequest("'" + field + "' must be true or false");
        }
        return v.asBoolean();
    }

    /** An optional integer. */
    @Nullable Integer optionalInt(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new AdminCommands.BadRequest("'" + field + "' must be an integer");
        }
        return v.asInt();
    }

    /** An optional array of strings, empty when absent. */
    List<String> texts(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new AdminCommands.BadRequest("'" + field + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw new AdminCommands.BadRequest("'" + field + "' must be an array of strings");
            }
            out.add(e.asText());
        }
        return out;
    }

    Set<String> textSet(String field) {
        return Set.copyOf(new LinkedHashSet<>(texts(field)));
    }
}
