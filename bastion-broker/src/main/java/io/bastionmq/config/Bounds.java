package io.bastionmq.config;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The value checks the records share; each throws a {@link ConfigException} that states the bounds. */
final class Bounds {
    private Bounds() {}

    static void check(String key, long value, long minimum, long maximum) {
        if (value < minimum || value > maximum) {
            throw new ConfigException(key, value + " is out of range " + minimum + ".." + maximum,
                    "use a value from " + minimum + " to " + maximum);
        }
    }

    static void check(String key, double value, double minimum, double maximum) {
        if (!(value >= minimum && value <= maximum)) {
            throw new ConfigException(key, value + " is out of range " + minimum + ".." + maximum,
                    "use a value from " + minimum + " to " + maximum);
        }
    }

    static void check(String key, Duration value, Duration minimum, Duration maximum) {
        if (value.compareTo(minimum) < 0 || value.compareTo(maximum) > 0) {
            throw new ConfigException(key,
                    DurationSyntax.format(value) + " is out of range "
                            + DurationSyntax.format(minimum) + ".." + DurationSyntax.format(maximum),
                    "use a duration from " + DurationSyntax.format(minimum) + " to " + DurationSyntax.format(maximum));
        }
    }

    static <T> T present(String key, @Nullable T value) {
        if (value == null) {
            throw new ConfigException(key, "has no value", "give it a value, or remove the key to use the default");
        }
        return value;
    }
}
