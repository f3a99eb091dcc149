package io.bastionmq.bench;

import io.bastionmq.bench.report.Json;
import io.bastionmq.bench.report.ProgressLine;
import io.bastionmq.bench.report.SummaryTable;
import io.bastionmq.bench.report.SvgChart;
import io.bastionmq.bench.run.Sample;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** Ends a run on stdout: the summary table, then the JSON line, always last; and the chart if asked for. */
final class Output {
    private Output() {}

    static void report(Consumer<Sample> progress, Map<String, Object> figures, List<Sample> timeline,
            String rateLabel, @Nullable Path chart, PrintStream out) {
        ProgressLine.finish(progress);
        SummaryTable.print(figures, out);
        if (chart != null) {
            try {
                Files.writeString(chart, SvgChart.render(title(figures), rateLabel, timeline));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the chart to " + chart, e);
            }
            out.println("chart written to " + chart);
        }
        out.println(Json.line(figures));
        out.flush();
    }

    private static String title(Map<String, Object> figures) {
        StringBuilder title = new StringBuilder("bastion bench " + figures.get("scenario"));
        for (String key : List.of("qos", "publishers", "subscribers", "payload_bytes", "clients")) {
            if (figures.containsKey(key)) {
                title.append("  ").append(key).append('=').append(figures.get(key));
            }
        }
        return title.toString();
    }
}
