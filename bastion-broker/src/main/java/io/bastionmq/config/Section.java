package io.bastionmq.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One YAML mapping being read: checks that every key in it is known, and reads typed values with
 * errors that carry the full key path. Missing keys take the caller's default; keys present with
 * no value ({@code port:}) are an error, because a blank is more likely a mistake than a wish for
 * the default.
 */
final class Section {
    private final String path;
    private final JsonNode node;
    private final List<String> known;

    /** {@code node} may be null or YAML null (an empty section), which reads as all-defaults. */
    Section(String path, @Nullable JsonNode node, List<String> known) {
        this.path = path;
        this.known = known;
        if (node == null || node.isNull() || node.isMissingNode()) {
            this.node = JsonNodeFactory.instance.objectNode();
        } else if (!node.isObject()) {
            throw new ConfigException(displayPath(), "expected a mapping of keys to values, found " + describe(node),
                    "write the keys on their own lines under it, indented: " + String.join(", ", known));
        } else {
            this.node = node;
        }
        for (Iterator<String> names = this.node.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!known.contains(key)) {
                String hint = DidYouMean.closest(key, known)
                        .map(k -> "did you mean '" + k + "'?")
                        .orElse("known keys here: " + String.join(", ", known));
                throw new ConfigException(pathOf(key), "unknown key '" + key + "'", hint);
            }
        }
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private String displayPath() {
        return path.isEmpty() ? "(top level)" : path;
    }

    boolean has(String key) {
        return node.has(requireKnown(key));
    }

    /** The raw node, or null when absent. */
    @Nullable JsonNode raw(String key) {
        return node.get(requireKnown(key));
    }

    Section section(String key, List<String> keys) {
        return new Section(pathOf(key), raw(key), keys);
    }

    String string(String key, String fallback) {
        JsonNode v = present(key);
        if (v == null) return fallback;
        if (!v.isTextual()) {
            throw wrongType(key, v, "a string", "put the value in quotes");
        }
        return v.textValue();
    }

    boolean bool(String key, boolean fallback) {
        JsonNode v = present(key);
        if (v == null) return fallback;
        if (!v.isBoolean()) {
            throw wrongType(key, v, "true or false", "write true or false, without quotes");
        }
        return v.booleanValue();
    }

    int integer(String key, int fallback) {
        long value = longInteger(key, fallback);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new ConfigException(pathOf(key), value + " is far out of range",
                    "see docs/configuration.md for the bounds of " + key);
        }
        return (int) value;
    }

    long longInteger(String key, long fallback) {
        JsonNode v = present(key);
        if (v == null) return fallback;
        if (!v.isIntegralNumber()) {
            String hint = v.isTextual() && v.textValue().strip().matches("-?\\d+")
                    ? "write the number without quotes: " + key + ": " + v.textValue().strip()
                    : "write a whole number, such as " + fallback;
            throw wrongType(key, v, "a whole number", hint);
        }
        if (!v.canConvertToLong()) {
            throw new ConfigException(pathOf(key), v.asText() + " is far out of range",
                    "see docs/configuration.md for the bounds of " + key);
        }
        return v.longValue();
    }

    /** A fraction such as {@code 0.85}; whole numbers are accepted too. */
    double decimal(String key, double fallback) {
        JsonNode v = present(key);
        if (v == null) return fallback;
        if (!v.isNumber()) {
            throw wrongType(key, v, "a number", "write a number without quotes, such as " + fallback);
        }
        return v.doubleValue();
    }

    Duration duration(String key, Duration fallback) {
        JsonNode v = present(key);
        if (v == null) return fallback;
        String example = DurationSyntax.format(fallback);
        if (v.isNumber()) {
            throw wrongType(key, v, "a duration", "add a unit (" + DurationSyntax.UNITS + "), for example " + key + ": " + v.asText() + "s");
        }
        if (!v.isTextual()) {
            throw wrongType(key, v, "a duration", "write a whole number and a unit (" + DurationSyntax.UNITS + "), such as " + example);
        }
        try {
            return DurationSyntax.parse(v.textValue());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(pathOf(key), e.getMessage(),
                    "write a whole number and a unit (" + DurationSyntax.UNITS + "), such as " + example);
        }
    }

    /** A list of strings, written as a YAML sequence ({@code [a, b]} or one {@code - a} per line). */
    List<String> strings(String key, List<String> fallback) {
        JsonNode v = present(key);
        if (v == null) return fallback;
        if (!v.isArray()) {
            throw wrongType(key, v, "a list of strings", "write a list, such as " + key + ": [" + String.join(", ", fallback) + "]");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw new ConfigException(pathOf(key), "expected a list of strings, found " + describe(item) + " in it",
                        "write each entry as text, such as " + fallback.get(0));
            }
            values.add(item.textValue().strip());
        }
        return List.copyOf(values);
    }

    /** Enum constants are written in lower case: {@code drop_oldest} for {@code DROP_OLDEST}. */
    <E extends Enum<E>> E enumeration(String key, Class<E> type, E fallback) {
        JsonNode v = present(key);
        if (v == null) return fallback;
        List<String> spellings = new ArrayList<>();
        for (E constant : type.getEnumConstants()) spellings.add(spelling(constant));
        if (!v.isTextual()) {
            throw wrongType(key, v, "one of " + String.join(", ", spellings), "write one of: " + String.join(", ", spellings));
        }
        String text = v.textValue().strip();
        for (E constant : type.getEnumConstants()) {
            if (spelling(constant).equalsIgnoreCase(text)) return constant;
        }
        Optional<String> close = DidYouMean.closest(text, spellings);
        throw new ConfigException(pathOf(key), "'" + text + "' is not one of " + String.join(", ", spellings),
                close.map(c -> "did you mean '" + c + "'?").orElse("write one of: " + String.join(", ", spellings)));
    }

    static String spelling(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    private @Nullable JsonNode present(String key) {
        JsonNode v = raw(key);
        if (v != null && v.isNull()) {
            throw new ConfigException(pathOf(key), "has no value",
                    "give it a value, or remove the line to use the default");
        }
        return v;
    }

    private ConfigException wrongType(String key, JsonNode v, String expected, String hint) {
        return new ConfigException(pathOf(key), "expected " + expected + ", found " + describe(v), hint);
    }

    private String requireKnown(String key) {
        if (!known.contains(key)) {
            throw new IllegalStateException("key '" + key + "' is read but not declared for " + displayPath());
        }
        return key;
    }

    static String describe(JsonNode v) {
        JsonNodeType t = v.getNodeType();
        return switch (t) {
            case STRING -> "the string \"" + v.textValue() + "\"";
            case NUMBER -> "the number " + v.asText();
            case BOOLEAN -> "the boolean " + v.asText();
            case ARRAY -> "a list";
            case OBJECT, POJO -> "a mapping";
            case NULL, MISSING -> "nothing";
            case BINARY -> "binary data";
        };
    }
}
