package io.bastionmq.bench.run;

import io.bastionmq.bench.client.ClientTls;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a publish/subscribe run measured. Rates cover the measured seconds only (after the
 * warm-up); {@code sent}, {@code received}, {@code lost} and {@code duplicated} cover the whole
 * run including the drain. {@code lost} and {@code duplicated} are meaningful only when
 * {@code tracked} (a run with subscribers).
 */
public record FlowResult(
        FlowSpec spec,
        double seconds,
        long sent,
        long received,
        double sentPerSecond,
        double receivedPerSecond,
        boolean tracked,
        long lost,
        long duplicated,
        long errors,
        String firstError,
        Latency latency,
        List<Sample> timeline) {

    /** The figures in report order, as the table and the JSON line show them. */
    public Map<String, Object> figures() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("scenario", spec.scenario());
        f.put("tls", spec.client().tls() == null ? "none" : "TLSv1.3 (" + ClientTls.providerName() + ")");
        f.put("qos", spec.qos().value());
        f.put("publishers", spec.publishers());
        f.put("subscribers", spec.subscribers());
        f.put("payload_bytes", spec.payloadSize());
        f.put("window", spec.window());
        f.put("duration_s", round(seconds));
        f.put("sent", sent);
        f.put("received", received);
        f.put("sent_per_s", Math.round(sentPerSecond));
        f.put("msgs_per_s", Math.round(spec.subscribers() > 0 ? receivedPerSecond : sentPerSecond));
        f.put("lat_p50_us", latency.p50());
        f.put("lat_p90_us", latency.p90());
        f.put("lat_p99_us", latency.p99());
        f.put("lat_p999_us", latency.p999());
        f.put("lat_max_us", latency.max());
        f.put("lost", tracked ? lost : null);
        f.put("duplicated", tracked ? duplicated : null);
        f.put("errors", errors);
        if (!firstError.isEmpty()) {
            f.put("first_error", firstError);
        }
        return f;
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
