package dev.fleetgate.supervisor.traffic;

import dev.fleetgate.supervisor.entity.FleetSnapshot;
import dev.fleetgate.supervisor.entity.WorkerSnapshot;
import dev.fleetgate.supervisor.entity.WorkerState;
import java.util.List;
import java.util.Locale;

/**
 * Writes the fleet's state and every worker's traffic in the Prometheus text exposition format
 * 0.0.4 (R5): {@code fleetgate_worker_*} series labelled {@code app="<app>",worker="<id>"}, and
 * {@code fleetgate_worker_info} with each worker's pid, port and reason, which {@code /health} no
 * longer shows to strangers (R6).
 */
public final class PrometheusText {
  /** The Content-Type of the output. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final StringBuilder out = new StringBuilder(8192);

  private PrometheusText() {}

  /** The whole exposition for one scrape. */
  public static String of(FleetSnapshot fleet, List<WorkerTraffic> traffic) {
    PrometheusText text = new PrometheusText();
    text.fleet(fleet);
    text.traffic(traffic);
    return text.out.toString();
  }

  private void fleet(FleetSnapshot fleet) {
    header("fleetgate_workers_desired", "gauge", "Workers the supervisor is asked to run.");
    sample("fleetgate_workers_desired", "", fleet.desired());
    header("fleetgate_workers_ready", "gauge", "Workers in state READY, taking traffic.");
    sample("fleetgate_workers_ready", "", fleet.readyCount());
    header("fleetgate_worker_state", "gauge", "1 for the state each worker is in, else 0.");
    for (WorkerSnapshot w : fleet.workers()) {
      for (WorkerState state : WorkerState.values()) {
        sample(
            "fleetgate_worker_state",
            worker(w.app(), w.id()) + ",state=\"" + state + "\"",
            w.state() == state ? 1 : 0);
      }
    }
    header(
        "fleetgate_worker_info",
        "gauge",
        "1 per worker, labelled with its process id, port and why it is FAILED or in BACKOFF.");
    for (WorkerSnapshot w : fleet.workers()) {
      StringBuilder labels = new StringBuilder(worker(w.app(), w.id()));
      if (w.pid() > 0) {
        labels.append(",pid=\"").append(w.pid()).append('"');
      }
      labels.append(",port=\"").append(w.port()).append('"');
      if (w.reason() != null) {
        labels.append(",reason=\"").append(escape(w.reason())).append('"');
      }
      sample("fleetgate_worker_info", labels.toString(), 1);
    }
    header("fleetgate_worker_restarts_total", "counter", "Restarts of each worker.");
    fleet
        .workers()
        .forEach(
            w -> sample("fleetgate_worker_restarts_total", worker(w.app(), w.id()), w.restarts()));
    header(
        "fleetgate_worker_resident_memory_bytes",
        "gauge",
        "Resident memory of each worker's process tree.");
    fleet.workers().stream()
        .filter(w -> w.rssBytes() >= 0)
        .forEach(
            w ->
                sample(
                    "fleetgate_worker_resident_memory_bytes",
                    worker(w.app(), w.id()),
                    w.rssBytes()));
    header(
        "fleetgate_worker_cpu_ratio",
        "gauge",
        "CPU used by each worker's process tree over the last seconds, 1 = one core.");
    fleet.workers().stream()
        .filter(w -> w.cpuPercent() >= 0)
        .forEach(
            w ->
                sample(
                    "fleetgate_worker_cpu_ratio", worker(w.app(), w.id()), w.cpuPercent() / 100));
  }

  private void traffic(List<WorkerTraffic> traffic) {
    header("fleetgate_worker_requests_total", "counter", "Requests sent to each worker.");
    traffic.forEach(
        t ->
            sample("fleetgate_worker_requests_total", worker(t.app(), t.workerId()), t.requests()));
    header("fleetgate_worker_in_flight", "gauge", "Requests being forwarded to each worker now.");
    traffic.forEach(
        t -> sample("fleetgate_worker_in_flight", worker(t.app(), t.workerId()), t.inFlight()));
    header("fleetgate_worker_responses_total", "counter", "Complete responses by status class.");
    for (WorkerTraffic t : traffic) {
      for (int digit = 1; digit <= 5; digit++) {
        sample(
            "fleetgate_worker_responses_total",
            worker(t.app(), t.workerId()) + ",code=\"" + digit + "xx\"",
            t.responses(digit));
      }
    }
    header(
        "fleetgate_worker_errors_total",
        "counter",
        "Requests that ended without the worker's complete response, by kind.");
    for (WorkerTraffic t : traffic) {
      for (ErrorKind kind : ErrorKind.values()) {
        sample(
            "fleetgate_worker_errors_total",
            worker(t.app(), t.workerId()) + ",kind=\"" + kind.label() + "\"",
            t.errors(kind));
      }
    }
    header("fleetgate_worker_request_bytes_total", "counter", "Request body bytes sent.");
    traffic.forEach(
        t ->
            sample(
                "fleetgate_worker_request_bytes_total",
                worker(t.app(), t.workerId()),
                t.bytesIn()));
    header("fleetgate_worker_response_bytes_total", "counter", "Response body bytes relayed.");
    traffic.forEach(
        t ->
            sample(
                "fleetgate_worker_response_bytes_total",
                worker(t.app(), t.workerId()),
                t.bytesOut()));
    header(
        "fleetgate_worker_latency_seconds",
        "histogram",
        "From sending the request to the worker until its response's last byte.");
    for (WorkerTraffic t : traffic) {
      LatencyHistogram.Snapshot latency = t.latency();
      long cumulative = 0;
      for (int i = 0; i < latency.counts().length; i++) {
        cumulative += latency.counts()[i];
        double bound = LatencyHistogram.Snapshot.boundSeconds(i);
        sample(
            "fleetgate_worker_latency_seconds_bucket",
            worker(t.app(), t.workerId())
                + ",le=\""
                + (Double.isInfinite(bound) ? "+Inf" : number(bound))
                + "\"",
            cumulative);
      }
      out.append("fleetgate_worker_latency_seconds_sum{")
          .append(worker(t.app(), t.workerId()))
          .append("} ")
          .append(number(latency.sumMicros() / 1_000_000.0))
          .append('\n');
      sample("fleetgate_worker_latency_seconds_count", worker(t.app(), t.workerId()), cumulative);
    }
  }

  private void header(String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private void sample(String name, String labels, long value) {
    out.append(name);
    if (!labels.isEmpty()) {
      out.append('{').append(labels).append('}');
    }
    out.append(' ').append(value).append('\n');
  }

  private void sample(String name, String labels, double value) {
    out.append(name).append('{').append(labels).append("} ").append(number(value)).append('\n');
  }

  private static String worker(String app, int id) {
    return "app=\"" + escape(app) + "\",worker=\"" + id + "\"";
  }

  /** A label value as the format wants it: backslash, double quote and line feed escaped. */
  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%s", value);
  }
}
