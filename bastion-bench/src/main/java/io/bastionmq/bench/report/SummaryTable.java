package io.bastionmq.bench.report;

import java.io.PrintStream;
import java.util.Map;

/** The human summary: one figure per line, names aligned, numbers grouped by thousands. */
public final class SummaryTable {
    private SummaryTable() {}

    public static void print(Map<String, ?> figures, PrintStream out) {
        int width = figures.keySet().stream().mapToInt(String::length).max().orElse(0);
        out.println("-".repeat(width + 24));
        for (Map.Entry<String, ?> e : figures.entrySet()) {
            out.printf("%-" + width + "s  %s%n", e.getKey(), format(e.getValue()));
        }
        out.println("-".repeat(width + 24));
    }

    private static String format(Object value) {
        return switch (value) {
            case null -> "n/a";
            case Long l -> String.format("%,d", l);
            case Integer i -> String.format("%,d", i);
            case Double d when d == Math.rint(d) && Math.abs(d) < 1e15 -> String.format("%,d", d.longValue());
            case Double d -> String.format("%,.1f", d);
            default -> value.toString();
        };
    }
}
