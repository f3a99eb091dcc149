package io.bastionmq.bench.run;

import io.bastionmq.bench.client.ClientTls;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a connection run measured; {@code latency} is TCP connect to CONNACK. */
public record ConnResult(
        ConnSpec spec,
        double seconds,
        long attempted,
        long connected,
        long failed,
        double connectsPerSecond,
        String firstError,
        Latency latency,
        List<Sample> timeline) {

    public Map<String, Object> figures() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("scenario", spec.scenario());
        f.put("mqtt", spec.client().version().level());
        f.put("tls", spec.client().tls() == null ? "none" : "TLSv1.3 full handshake (" + ClientTls.providerName() + ")");
        f.put("clients", spec.connections());
        f.put("rate", spec.rate());
        f.put("duration_s", FlowResult.round(seconds));
        f.put("attempted", attempted);
        f.put("connected", connected);
        f.put("errors", failed);
        f.put("conn_per_s", Math.round(connectsPerSecond));
        f.put("lat_p50_us", latency.p50());
        f.put("lat_p90_us", latency.p90());
        f.put("lat_p99_us", latency.p99());
        f.put("lat_p999_us", latency.p999());
        f.put("lat_max_us", latency.max());
        if (!firstError.isEmpty()) {
            f.put("first_error", firstError);
        }
        return f;
    }
}
