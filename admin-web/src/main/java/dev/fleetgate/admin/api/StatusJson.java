package dev.fleetgate.admin.api;

import dev.fleetgate.supervisor.entity.ExitStatus;
import dev.fleetgate.supervisor.entity.FleetSnapshot;
import dev.fleetgate.supervisor.entity.TrafficSnapshot;
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
 * {@code GET /admin/api/status} (R2): the fleet as a JSON document whose fields are always present,
 * {@code null} when a value is unknown or does not apply (the README lists them).
 *
 * <pre>
 * {"time": "2026-12-02T15:04:05.123Z", "desired": 2, "ready": 2,
 *  "workers": [{"id": 0, "state": "READY", "stateSince": "…", "pid": 4242, "port": 3000,
 *               "uptimeSeconds": 75, "restarts": 1, "inFlight": 0, "requests": 917, "errors": 0,
 *               "memoryBytes": 48234496, "cpuPercent": 0.5,
 *               "lastExit": {"code": 137, "signal": 9, "at": "…"}, "reason": null}]}
 * </pre>
 */
final class StatusJson {

  private StatusJson() {}

  static JsonObject of(FleetSnapshot fleet, List<TrafficSnapshot> traffic) {
    Map<Integer, TrafficSnapshot> byWorker =
        traffic.stream()
            .collect(Collectors.toMap(TrafficSnapshot::workerId, Function.identity(), (a, b) -> b));
    JsonArrayBuilder workers = Json.createArrayBuilder();
    for (WorkerSnapshot worker : fleet.workers()) {
      workers.add(worker(worker, byWorker.get(worker.id()), fleet.takenAt()));
    }
    return Json.createObjectBuilder()
        .add("time", fleet.takenAt().toString())
        .add("desired", fleet.desired())
        .add("ready", fleet.readyCount())
        .add("workers", workers)
        .build();
  }

  private static JsonObjectBuilder worker(
      WorkerSnapshot worker, TrafficSnapshot traffic, Instant now) {
    JsonObjectBuilder json =
        Json.createObjectBuilder().add("id", worker.id()).add("state", worker.state().name());
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
