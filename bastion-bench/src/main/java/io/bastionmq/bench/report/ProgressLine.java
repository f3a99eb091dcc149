package io.bastionmq.bench.report;

import io.bastionmq.bench.run.Sample;
import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.function.Consumer;

/**
 * The live line a run rewrites once a second, only on an interactive terminal so that logs and
 * pipes get just the summary and the JSON line. Written to stderr, which keeps stdout for them.
 */
public final class ProgressLine implements Consumer<Sample> {
    private final PrintStream out;
    private final String unit;
    private boolean shown;

    private ProgressLine(PrintStream out, String unit) {
        this.out = out;
        this.unit = unit;
    }

    /** A progress line on stderr if stdin/stdout is a terminal, else one that prints nothing. */
    public static Consumer<Sample> forTerminal(String unit) {
        return isTerminal() ? new ProgressLine(System.err, unit) : sample -> { };
    }

    @Override
    public void accept(Sample s) {
        out.printf("\r%6.1fs %s  sent %,10.0f/s  %s %,10.0f/s  p50 %,8.1f us  p99 %,8.1f us   ",
                s.second(), s.warmup() ? "warmup" : "      ", s.sentPerSecond(), unit, s.receivedPerSecond(),
                s.p50Micros(), s.p99Micros());
        out.flush();
        shown = true;
    }

    /** Ends the line so that what follows starts on a fresh one. */
    public static void finish(Consumer<Sample> progress) {
        if (progress instanceof ProgressLine line && line.shown) {
            line.out.println();
        }
    }

    /**
     * {@code System.console() != null}, and on JDK 22+, where a console object exists even when
     * redirected, also {@code Console.isTerminal()} (looked up reflectively: the language level is 21).
     */
    private static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
