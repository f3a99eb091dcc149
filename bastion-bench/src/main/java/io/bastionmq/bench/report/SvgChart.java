package io.bastionmq.bench.report;

import io.bastionmq.bench.run.Sample;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * A line chart of a run, second by second: throughput on the left axis, latency p50/p99 on the
 * right one when anything was measured, the warm-up shaded. Plain SVG text, no dependency.
 */
public final class SvgChart {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 420;
    private static final int LEFT = 80;
    private static final int RIGHT = 80;
    private static final int TOP = 50;
    private static final int BOTTOM = 50;
    private static final int TICKS = 5;

    private final List<Sample> samples;
    private final double maxSecond;
    private final StringBuilder svg = new StringBuilder();

    private SvgChart(List<Sample> samples) {
        this.samples = samples;
        this.maxSecond = Math.max(1, samples.stream().mapToDouble(Sample::second).max().orElse(1));
    }

    /** @param rateLabel what the rate counts, for example "msg/s" or "connects/s" */
    public static String render(String title, String rateLabel, List<Sample> samples) {
        return new SvgChart(samples).draw(title, rateLabel);
    }

    private String draw(String title, String rateLabel) {
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        text(WIDTH / 2.0, 25, "middle", escape(title), "font-size=\"15\"");
        shadeWarmup();
        double maxRate = niceCeiling(max(Sample::sentPerSecond, Sample::receivedPerSecond));
        double maxLatency = niceCeiling(max(Sample::p99Micros, Sample::p50Micros));
        axes(maxRate, rateLabel, maxLatency);
        line(Sample::sentPerSecond, maxRate, "#999999", "stroke-dasharray=\"4 3\"");
        line(Sample::receivedPerSecond, maxRate, "#1f77b4", "");
        if (maxLatency > 0) {
            line(Sample::p50Micros, maxLatency, "#ff7f0e", "");
            line(Sample::p99Micros, maxLatency, "#d62728", "");
        }
        legend(maxLatency > 0);
        return svg.append("</svg>\n").toString();
    }

    private void shadeWarmup() {
        double end = samples.stream().filter(Sample::warmup).mapToDouble(Sample::second).max().orElse(0);
        if (end > 0) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#eeeeee\"/>%n",
                    x(0), TOP, x(end) - x(0), HEIGHT - TOP - BOTTOM));
        }
    }

    private void axes(double maxRate, String rateLabel, double maxLatency) {
        int plotBottom = HEIGHT - BOTTOM;
        for (int i = 0; i <= TICKS; i++) {
            double y = plotBottom - (plotBottom - TOP) * i / (double) TICKS;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#dddddd\"/>%n",
                    LEFT, y, WIDTH - RIGHT, y));
            text(LEFT - 6, y + 4, "end", String.format(Locale.ROOT, "%,.0f", maxRate * i / TICKS), "");
            if (maxLatency > 0) {
                text(WIDTH - RIGHT + 6, y + 4, "start", String.format(Locale.ROOT, "%,.0f", maxLatency * i / TICKS), "");
            }
            double second = maxSecond * i / TICKS;
            text(x(second), plotBottom + 18, "middle", String.format(Locale.ROOT, "%.0f", second), "");
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333333\"/>%n",
                LEFT, TOP, WIDTH - LEFT - RIGHT, plotBottom - TOP));
        text(WIDTH / 2.0, HEIGHT - 12, "middle", "seconds", "");
        text(18, TOP - 12, "start", escape(rateLabel), "");
        if (maxLatency > 0) {
            text(WIDTH - 18, TOP - 12, "end", "latency (us)", "");
        }
    }

    private void line(ToDoubleFunction<Sample> value, double max, String colour, String extra) {
        if (samples.isEmpty() || max <= 0) {
            return;
        }
        StringBuilder points = new StringBuilder();
        for (Sample s : samples) {
            double y = (HEIGHT - BOTTOM) - (HEIGHT - BOTTOM - TOP) * Math.min(1, value.applyAsDouble(s) / max);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(s.second()), y));
        }
        svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" %s points=\"%s\"/>%n",
                colour, extra, points.toString().trim()));
    }

    private void legend(boolean withLatency) {
        String[][] entries = withLatency
                ? new String[][] {{"#999999", "sent"}, {"#1f77b4", "received"}, {"#ff7f0e", "p50 latency"}, {"#d62728", "p99 latency"}}
                : new String[][] {{"#999999", "sent"}, {"#1f77b4", "received"}};
        double at = LEFT + 10;
        for (String[] entry : entries) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>%n",
                    at, TOP + 14, at + 20, TOP + 14, entry[0]));
            text(at + 25, TOP + 18, "start", entry[1], "");
            at += 120;
        }
    }

    private double max(ToDoubleFunction<Sample> a, ToDoubleFunction<Sample> b) {
        return samples.stream().mapToDouble(s -> Math.max(a.applyAsDouble(s), b.applyAsDouble(s))).max().orElse(0);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code value}: axis labels a reader can use. */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 0;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private double x(double second) {
        return LEFT + (WIDTH - LEFT - RIGHT) * second / maxSecond;
    }

    private void text(double x, double y, String anchor, String content, String extra) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" %s>%s</text>%n",
                x, y, anchor, extra, content));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
