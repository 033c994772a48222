package tsa.bench;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tsa.testsupport.LocalSystem.Service;

/**
 * A service's own timers read from /q/metrics (Prometheus text) before and after a load: the server-side time of the
 * HTTP requests ({@code http_server_requests_seconds}) and of its DynamoDB calls ({@code tsa_dynamodb_calls_seconds},
 * by table and operation), so a request's cost splits into the store calls it makes and everything else.
 */
final class ServiceMetrics {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{(.*)\\}\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    /** Sums of count and seconds per series key ("http METHOD uri status" or "dynamodb table operation"). */
    record Snapshot(Map<String, double[]> series) {

        Snapshot minus(Snapshot before) {
            Map<String, double[]> delta = new TreeMap<>();
            series.forEach((key, now) -> {
                double[] then = before.series().getOrDefault(key, new double[2]);
                double count = now[0] - then[0];
                if (count > 0) {
                    delta.put(key, new double[] {count, now[1] - then[1]});
                }
            });
            return new Snapshot(delta);
        }
    }

    private ServiceMetrics() {}

    static Snapshot read(Api api, Service service) {
        HttpResponse<String> response =
                api.send(api.request(service, "/q/metrics", null).GET().build());
        Map<String, double[]> series = new LinkedHashMap<>();
        for (String line : response.body().split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!m.find()) {
                continue;
            }
            String name = m.group(1);
            boolean count = name.endsWith("_count");
            boolean sum = name.endsWith("_sum");
            if (!count && !sum) {
                continue;
            }
            String base = name.substring(0, name.lastIndexOf('_'));
            Map<String, String> labels = new LinkedHashMap<>();
            Matcher l = LABEL.matcher(m.group(2));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
            String key;
            if (base.equals("http_server_requests_seconds")) {
                key = "http " + labels.get("method") + " " + labels.get("uri") + " " + labels.get("status");
            } else if (base.equals("tsa_dynamodb_calls_seconds")) {
                key = "dynamodb " + labels.get("operation") + " " + labels.get("table") + " " + labels.get("outcome");
            } else {
                continue;
            }
            double value;
            try {
                value = Double.parseDouble(m.group(3));
            } catch (NumberFormatException e) {
                continue;
            }
            double[] slot = series.computeIfAbsent(key, k -> new double[2]);
            slot[count ? 0 : 1] += value;
        }
        return new Snapshot(series);
    }
}
