package dev.fleetgate.supervisor.cluster;

import dev.fleetgate.supervisor.cluster.NodeReport.AppReport;
import dev.fleetgate.supervisor.entity.ExitStatus;
import dev.fleetgate.supervisor.entity.FleetSnapshot;
import dev.fleetgate.supervisor.entity.TrafficSnapshot;
import dev.fleetgate.supervisor.entity.WorkerSnapshot;
import dev.fleetgate.supervisor.entity.WorkerState;
import dev.fleetgate.supervisor.traffic.ErrorKind;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link NodeReport} as the compact JSON it travels in (R2.1): every field of the records, so a
 * remote node's workers are shown exactly as local ones. About 450 bytes a worker.
 */
public final class NodeReportJson {

  private NodeReportJson() {}

  public static String write(NodeReport report) {
    JsonArrayBuilder apps = Json.createArrayBuilder();
    for (AppReport app : report.apps()) {
      JsonArrayBuilder workers = Json.createArrayBuilder();
      app.fleet().workers().forEach(w -> workers.add(worker(w)));
      apps.add(
          Json.createObjectBuilder()
              .add("name", app.name())
              .add("minReady", app.minReady())
              .add("command", Json.createArrayBuilder(app.command()))
              .add("desired", app.fleet().desired())
              .add("initialStartDone", app.fleet().initialStartDone())
              .add("takenAt", app.fleet().takenAt().toString())
              .add("workers", workers));
    }
    JsonArrayBuilder traffic = Json.createArrayBuilder();
    report.traffic().forEach(t -> traffic.add(traffic(t)));
    return Json.createObjectBuilder()
        .add("node", report.node())
        .add("version", report.version())
        .add("http", report.httpAddress())
        .add("grid", report.gridAddress())
        .add("incarnation", report.incarnation())
        .add("startedAt", report.startedAt().toString())
        .add("sequence", report.sequence())
        .add("apps", apps)
        .add("traffic", traffic)
        .build()
        .toString();
  }

  /**
   * @throws IllegalArgumentException when {@code text} is no report
   */
  public static NodeReport read(String text) {
    try {
      JsonObject json = Json.createReader(new StringReader(text)).readObject();
      List<AppReport> apps =
          json.getJsonArray("apps").getValuesAs(JsonObject.class).stream()
              .map(NodeReportJson::app)
              .toList();
      List<TrafficSnapshot> traffic =
          json.getJsonArray("traffic").getValuesAs(JsonObject.class).stream()
              .map(NodeReportJson::traffic)
              .toList();
      return new NodeReport(
          json.getString("node"),
          json.getString("version"),
          json.getString("http"),
          json.getString("grid"),
          json.getString("incarnation"),
          Instant.parse(json.getString("startedAt")),
          json.getJsonNumber("sequence").longValue(),
          apps,
          traffic);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a node report: " + e.getMessage(), e);
    }
  }

  private static AppReport app(JsonObject json) {
    String name = json.getString("name");
    List<WorkerSnapshot> workers =
        json.getJsonArray("workers").getValuesAs(JsonObject.class).stream()
            .map(w -> worker(name, w))
            .toList();
    List<String> command =
        json.getJsonArray("command").getValuesAs(JsonString.class).stream()
            .map(JsonString::getString)
            .toList();
    FleetSnapshot fleet =
        new FleetSnapshot(
            workers,
            json.getInt("desired"),
            json.getBoolean("initialStartDone"),
            Instant.parse(json.getString("takenAt")));
    return new AppReport(name, json.getInt("minReady"), command, fleet);
  }

  private static JsonObjectBuilder worker(WorkerSnapshot w) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("id", w.id())
            .add("pid", w.pid())
            .add("port", w.port())
            .add("state", w.state().name())
            .add("restarts", w.restarts())
            .add("rss", w.rssBytes())
            .add("cpu", w.cpuPercent())
            .add("inFlight", w.inFlight());
    instant(json, "since", w.since());
    instant(json, "startedAt", w.startedAt());
    if (w.lastExit() != null) {
      JsonObjectBuilder exit = Json.createObjectBuilder().add("code", w.lastExit().code());
      if (w.lastExit().signal() != null) {
        exit.add("signal", w.lastExit().signal());
      }
      instant(exit, "at", w.lastExit().at());
      json.add("lastExit", exit);
    }
    if (w.reason() != null) {
      json.add("reason", w.reason());
    }
    return json;
  }

  private static WorkerSnapshot worker(String app, JsonObject json) {
    ExitStatus exit = null;
    if (json.containsKey("lastExit")) {
      JsonObject e = json.getJsonObject("lastExit");
      exit =
          new ExitStatus(
              e.getInt("code"),
              e.containsKey("signal") ? e.getInt("signal") : null,
              instant(e, "at"));
    }
    return new WorkerSnapshot(
        app,
        json.getInt("id"),
        json.getJsonNumber("pid").longValue(),
        json.getInt("port"),
        WorkerState.valueOf(json.getString("state")),
        instant(json, "since"),
        instant(json, "startedAt"),
        json.getInt("restarts"),
        exit,
        json.getJsonNumber("rss").longValue(),
        json.getJsonNumber("cpu").doubleValue(),
        json.getInt("inFlight"),
        json.getString("reason", null),
        List.of());
  }

  private static JsonObjectBuilder traffic(TrafficSnapshot t) {
    JsonObjectBuilder kinds = Json.createObjectBuilder();
    t.errorsByKind().forEach((kind, count) -> kinds.add(kind.name(), count));
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("app", t.app())
            .add("id", t.workerId())
            .add("requests", t.requests())
            .add("inFlight", t.inFlight())
            .add("errors", t.errors())
            .add("errorsByKind", kinds)
            .add("serverErrors", t.serverErrors())
            .add("bytesIn", t.bytesIn())
            .add("bytesOut", t.bytesOut());
    // NaN (no request yet) is no JSON number: absent.
    if (!Double.isNaN(t.p50Millis())) {
      json.add("p50", t.p50Millis());
    }
    if (!Double.isNaN(t.p99Millis())) {
      json.add("p99", t.p99Millis());
    }
    return json;
  }

  private static TrafficSnapshot traffic(JsonObject json) {
    Map<ErrorKind, Long> kinds = new EnumMap<>(ErrorKind.class);
    json.getJsonObject("errorsByKind")
        .forEach((kind, count) -> kinds.put(ErrorKind.valueOf(kind), number(count).longValue()));
    return new TrafficSnapshot(
        json.getString("app"),
        json.getInt("id"),
        json.getJsonNumber("requests").longValue(),
        json.getInt("inFlight"),
        json.getJsonNumber("errors").longValue(),
        kinds,
        json.getJsonNumber("serverErrors").longValue(),
        json.getJsonNumber("bytesIn").longValue(),
        json.getJsonNumber("bytesOut").longValue(),
        json.containsKey("p50") ? json.getJsonNumber("p50").doubleValue() : Double.NaN,
        json.containsKey("p99") ? json.getJsonNumber("p99").doubleValue() : Double.NaN);
  }

  private static JsonNumber number(JsonValue value) {
    return (JsonNumber) value;
  }

  private static void instant(JsonObjectBuilder json, String name, Instant value) {
    if (value != null) {
      json.add(name, value.toString());
    }
  }

  private static Instant instant(JsonObject json, String name) {
    return json.containsKey(name) ? Instant.parse(json.getString(name)) : null;
  }
}
