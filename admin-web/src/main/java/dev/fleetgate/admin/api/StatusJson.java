package dev.fleetgate.admin.api;

import dev.fleetgate.admin.AppFleet;
import dev.fleetgate.supervisor.entity.ExitStatus;
import dev.fleetgate.supervisor.entity.FleetSnapshot;
import dev.fleetgate.supervisor.entity.TrafficSnapshot;
import dev.fleetgate.supervisor.entity.WorkerName;
import dev.fleetgate.supervisor.entity.WorkerSnapshot;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code GET /admin/api/status} (R2): the apps and their workers as a JSON document whose fields
 * are always present, {@code null} when a value is unknown or does not apply (the README lists
 * them). {@code desired} and {@code ready} count every app's workers; {@code apps} has them per
 * app, in the configuration's order; {@code workers} app after app, each with its {@code app}, its
 * id within it and its {@code name} ({@code api/0}, or {@code 0} in the default app).
 *
 * <pre>
 * {"time": "2026-12-02T15:04:05.123Z", "desired": 2, "ready": 2,
 *  "apps": [{"name": "default", "desired": 2, "ready": 2}],
 *  "workers": [{"id": 0, "app": "default", "name": "0", "state": "READY", "stateSince": "…",
 *               "pid": 4242, "port": 3000, "uptimeSeconds": 75, "restarts": 1, "inFlight": 0,
 *               "requests": 917, "errors": 0, "memoryBytes": 48234496, "cpuPercent": 0.5,
 *               "lastExit": {"code": 137, "signal": 9, "at": "…"}, "reason": null}]}
 * </pre>
 */
final class StatusJson {

  private StatusJson() {}

  /**
   * The document of these apps, in their order.
   *
   * @param traffic counters by worker; a worker without any shows zeros
   */
  static JsonObject of(List<AppFleet> apps, List<TrafficSnapshot> traffic) {
    Map<WorkerName, TrafficSnapshot> byWorker =
        traffic.stream()
            .collect(
                Collectors.toMap(
                    t -> new WorkerName(t.app(), t.workerId()), Function.identity(), (a, b) -> b));
    JsonArrayBuilder summaries = Json.createArrayBuilder();
    JsonArrayBuilder workers = Json.createArrayBuilder();
    long desired = 0;
    long ready = 0;
    Instant time = null;
    for (AppFleet app : apps) {
      FleetSnapshot fleet = app.snapshot();
      summaries.add(
          Json.createObjectBuilder()
              .add("name", app.name())
              .add("desired", fleet.desired())
              .add("ready", fleet.readyCount()));
      for (WorkerSnapshot worker : fleet.workers()) {
        workers.add(
            worker(
                worker, byWorker.get(new WorkerName(worker.app(), worker.id())), fleet.takenAt()));
      }
      desired += fleet.desired();
      ready += fleet.readyCount();
      time = time == null || fleet.takenAt().isAfter(time) ? fleet.takenAt() : time;
    }
    return Json.createObjectBuilder()
        .add("time", (time == null ? Instant.now() : time).toString())
        .add("desired", desired)
        .add("ready", ready)
        .add("apps", summaries)
        .add("workers", workers)
        .build();
  }

  private static JsonObjectBuilder worker(
      WorkerSnapshot worker, TrafficSnapshot traffic, Instant now) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("id", worker.id())
            .add("app", worker.app())
            .add("name", worker.name())
            .add("state", worker.state().name());
    instant(json, "stateSince", worker.since());
    number(json, "pid", worker.pid() > 0 ? worker.pid() : null);
    json.add("port", worker.port());
    number(
        json,
        "uptimeSeconds",
        worker.state().hasProcess() && worker.startedAt() != null
            ? Math.max(0, Duration.between(worker.startedAt(), now).toSeconds())
            : null);
    json.add("restarts", worker.restarts())
        .add("inFlight", worker.inFlight())
        .add("requests", traffic == null ? 0 : traffic.requests())
        .add("errors", traffic == null ? 0 : traffic.errors() + traffic.serverErrors());
    number(json, "memoryBytes", worker.rssBytes() >= 0 ? worker.rssBytes() : null);
    if (worker.cpuPercent() >= 0) {
      json.add("cpuPercent", Math.round(worker.cpuPercent() * 10) / 10.0);
    } else {
      json.addNull("cpuPercent");
    }
    if (worker.lastExit() == null) {
      json.addNull("lastExit");
    } else {
      json.add("lastExit", exit(worker.lastExit()));
    }
    if (worker.reason() == null) {
      json.addNull("reason");
    } else {
      json.add("reason", worker.reason());
    }
    return json;
  }

  private static JsonObjectBuilder exit(ExitStatus exit) {
    JsonObjectBuilder json = Json.createObjectBuilder().add("code", exit.code());
    number(json, "signal", exit.signal() == null ? null : exit.signal().longValue());
    instant(json, "at", exit.at());
    return json;
  }

  private static void number(JsonObjectBuilder json, String name, Long value) {
    if (value == null) {
      json.addNull(name);
    } else {
      json.add(name, value.longValue());
    }
  }

  private static void instant(JsonObjectBuilder json, String name, Instant value) {
    if (value == null) {
      json.addNull(name);
    } else {
      json.add(name, value.toString());
    }
  }
}
