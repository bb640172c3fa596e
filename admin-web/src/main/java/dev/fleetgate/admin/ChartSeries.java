package dev.fleetgate.admin;

import dev.fleetgate.supervisor.entity.TrafficSample;
import dev.fleetgate.supervisor.entity.WorkerName;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The charts page's three charts as Chart.js configurations (R13), built from the supervisor's
 * traffic history: one x-axis point per sampling tick, one line per worker, named as operators name
 * it ({@code worker api/0}, {@code worker 0} in the default app), app after app in the order the
 * samples name them. A worker without a sample at a tick, or a latency without requests (NaN), is a
 * gap ({@code null}), not a zero.
 */
final class ChartSeries {

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  // One colour per worker, repeating: distinguishable for the first eight workers of an app; each
  // app starts three colours further on, so that api/0 and web/0 differ.
  static final String[] PALETTE = {
    "#1565c0", "#2e7d32", "#c62828", "#6a1b9a", "#ef6c00", "#00838f", "#4e342e", "#ad1457"
  };

  private final List<Instant> ticks;
  private final List<String> labels;
  private final List<String> apps;
  private final SortedMap<WorkerName, Map<Instant, TrafficSample>> byWorker;

  ChartSeries(List<TrafficSample> samples, ZoneId zone) {
    List<Instant> at = samples.stream().map(TrafficSample::at).distinct().sorted().toList();
    ticks = at;
    labels = at.stream().map(t -> CLOCK.format(t.atZone(zone))).toList();
    apps = samples.stream().map(TrafficSample::app).distinct().toList();
    byWorker =
        new TreeMap<>(
            Comparator.comparingInt((WorkerName w) -> apps.indexOf(w.app()))
                .thenComparingInt(WorkerName::id));
    for (TrafficSample sample : samples) {
      byWorker
          .computeIfAbsent(
              new WorkerName(sample.app(), sample.workerId()), id -> new LinkedHashMap<>())
          .put(sample.at(), sample);
    }
  }

  /** Requests per second, one line per worker. */
  String requests() {
    List<String> datasets = new ArrayList<>();
    byWorker.forEach(
        (worker, samples) ->
            datasets.add(
                dataset(
                    "worker " + worker,
                    colour(worker),
                    values(samples, TrafficSample::requestsPerSecond),
                    "")));
    return chart("Requests per second", "req/s", datasets, false);
  }

  /** Latency: p99 solid and p50 dashed, per worker. */
  String latency() {
    List<String> datasets = new ArrayList<>();
    byWorker.forEach(
        (worker, samples) -> {
          datasets.add(
              dataset(
                  "worker " + worker + " p99",
                  colour(worker),
                  values(samples, TrafficSample::p99Millis),
                  ""));
          datasets.add(
              dataset(
                  "worker " + worker + " p50",
                  colour(worker),
                  values(samples, TrafficSample::p50Millis),
                  ",\"borderDash\":[4,4]"));
        });
    return chart("Latency", "ms", datasets, false);
  }

  /** Restarts so far per worker: a step up at each restart. */
  String restarts() {
    List<String> datasets = new ArrayList<>();
    byWorker.forEach(
        (worker, samples) ->
            datasets.add(
                dataset(
                    "worker " + worker,
                    colour(worker),
                    values(samples, s -> s.restarts()),
                    ",\"stepped\":true")));
    return chart("Restarts", "restarts", datasets, true);
  }

  /** How many ticks the charts span. */
  int points() {
    return ticks.size();
  }

  private List<Double> values(
      Map<Instant, TrafficSample> samples, ToDoubleFunction<TrafficSample> value) {
    List<Double> values = new ArrayList<>(ticks.size());
    for (Instant tick : ticks) {
      TrafficSample sample = samples.get(tick);
      double v = sample == null ? Double.NaN : value.applyAsDouble(sample);
      values.add(Double.isNaN(v) || Double.isInfinite(v) ? null : v);
    }
    return values;
  }

  private String colour(WorkerName worker) {
    return PALETTE[Math.floorMod(worker.id() + 3 * apps.indexOf(worker.app()), PALETTE.length)];
  }

  private static String dataset(String label, String colour, List<Double> values, String extra) {
    StringBuilder data = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        data.append(',');
      }
      Double v = values.get(i);
      data.append(v == null ? "null" : number(v));
    }
    data.append(']');
    return "{\"label\":"
        + string(label)
        + ",\"data\":"
        + data
        + ",\"borderColor\":\""
        + colour
        + "\",\"backgroundColor\":\""
        + colour
        + "\",\"borderWidth\":2,\"pointRadius\":0,\"fill\":false,\"spanGaps\":false"
        + extra
        + "}";
  }

  private String chart(String title, String unit, List<String> datasets, boolean integers) {
    StringBuilder labelsJson = new StringBuilder("[");
    for (int i = 0; i < labels.size(); i++) {
      labelsJson.append(i > 0 ? "," : "").append(string(labels.get(i)));
    }
    labelsJson.append(']');
    return "{\"type\":\"line\",\"data\":{\"labels\":"
        + labelsJson
        + ",\"datasets\":["
        + String.join(",", datasets)
        + "]},\"options\":{\"animation\":false,\"responsive\":true,\"maintainAspectRatio\":false,"
        + "\"interaction\":{\"mode\":\"index\",\"intersect\":false},"
        + "\"plugins\":{\"title\":{\"display\":true,\"text\":"
        + string(title)
        + "},\"legend\":{\"position\":\"bottom\"}},"
        + "\"scales\":{\"x\":{\"ticks\":{\"maxTicksLimit\":8}},\"y\":{\"beginAtZero\":true,"
        + (integers ? "\"ticks\":{\"precision\":0}," : "")
        + "\"title\":{\"display\":true,\"text\":"
        + string(unit)
        + "}}}}}";
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%.3f", v);
  }

  /** A JSON string: quotes, backslashes and control characters escaped. */
  static String string(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '<' -> out.append("\\u003c"); // never closes a <script> it is written into
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
