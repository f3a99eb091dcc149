package io.bastionmq.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in configuration files: a whole number and one unit,
 * {@code 250ms}, {@code 10s}, {@code 5m}, {@code 2h}, {@code 7d}.
 */
public final class DurationSyntax {
    public static final String UNITS = "ms, s, m, h, d";
    private static final Pattern FORM = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");

    private DurationSyntax() {}

    /** Parses {@code text}, throwing {@link IllegalArgumentException} with a short reason when it is not a duration. */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalStateException("unit in pattern without a case: " + m.group(2));
        };
    }

    /** The shortest exact spelling: {@code 10s} rather than {@code 10000ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 86_400_000 == 0) return ms / 86_400_000 + "d";
        if (ms != 0 && ms % 3_600_000 == 0) return ms / 3_600_000 + "h";
        if (ms != 0 && ms % 60_000 == 0) return ms / 60_000 + "m";
        if (ms % 1_000 == 0) return ms / 1_000 + "s";
        return ms + "ms";
    }
}
