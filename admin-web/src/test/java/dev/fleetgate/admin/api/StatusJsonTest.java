package dev.fleetgate.admin.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fleetgate.admin.AppFleet;
import dev.fleetgate.supervisor.entity.ExitStatus;
import dev.fleetgate.supervisor.entity.FleetSnapshot;
import dev.fleetgate.supervisor.entity.TrafficSnapshot;
import dev.fleetgate.supervisor.entity.WorkerSnapshot;
import dev.fleetgate.supervisor.entity.WorkerState;
import dev.fleetgate.supervisor.traffic.ErrorKind;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StatusJsonTest {

  static final Instant NOW = Instant.parse("2026-12-02T15:00:00Z");

  @Test
  @DisplayName("R2 the status names every field, null where a value is unknown")
  void writesEveryWorkerWithEveryField() {
    WorkerSnapshot ready =
        new WorkerSnapshot(
            "default",
            0,
            4242,
            3000,
            WorkerState.READY,
            NOW.minusSeconds(60),
            NOW.minusSeconds(75),
            1,
            new ExitStatus(137, 9, NOW.minusSeconds(80)),
            48_234_496,
            0.54,
            2,
            null,
            List.of("node", "server.js"));
    WorkerSnapshot failed =
        new WorkerSnapshot(
            "default",
            1,
            -1,
            3001,
            WorkerState.FAILED,
            NOW.minusSeconds(5),
            null,
            10,
            new ExitStatus(1, null, NOW.minusSeconds(5)),
            -1,
            -1,
            0,
            "10 failed starts within 60 s",
            List.of("node", "server.js"));
    TrafficSnapshot traffic =
        new TrafficSnapshot(
            "default", 0, 917, 2, 3, Map.of(ErrorKind.CONNECT, 3L), 4, 100, 2000, 1.5, 12.0);

    String json =
        StatusJson.of(
                List.of(app("default", new FleetSnapshot(List.of(ready, failed), 2, true, NOW))),
                List.of(traffic))
            .toString();

    assertEquals(
        "{\"time\":\"2026-12-02T15:00:00Z\",\"desired\":2,\"ready\":1,"
            + "\"apps\":[{\"name\":\"default\",\"desired\":2,\"ready\":1}],\"workers\":["
            + "{\"id\":0,\"app\":\"default\",\"name\":\"0\",\"state\":\"READY\",\"stateSince\":\"2026-12-02T14:59:00Z\","
            + "\"pid\":4242,\"port\":3000,\"uptimeSeconds\":75,\"restarts\":1,\"inFlight\":2,"
            + "\"requests\":917,\"errors\":7,\"memoryBytes\":48234496,\"cpuPercent\":0.5,"
            + "\"lastExit\":{\"code\":137,\"signal\":9,\"at\":\"2026-12-02T14:58:40Z\"},"
            + "\"reason\":null},"
            + "{\"id\":1,\"app\":\"default\",\"name\":\"1\",\"state\":\"FAILED\",\"stateSince\":\"2026-12-02T14:59:55Z\","
            + "\"pid\":null,\"port\":3001,\"uptimeSeconds\":null,\"restarts\":10,\"inFlight\":0,"
            + "\"requests\":0,\"errors\":0,\"memoryBytes\":null,\"cpuPercent\":null,"
            + "\"lastExit\":{\"code\":1,\"signal\":null,\"at\":\"2026-12-02T14:59:55Z\"},"
            + "\"reason\":\"10 failed starts within 60 s\"}]}",
        json);
  }

  @Test
  @DisplayName("R2 an empty fleet is an empty list")
  void writesEmptyFleet() {
    assertEquals(
        "{\"time\":\"2026-12-02T15:00:00Z\",\"desired\":0,\"ready\":0,"
            + "\"apps\":[{\"name\":\"default\",\"desired\":0,\"ready\":0}],\"workers\":[]}",
        StatusJson.of(
                List.of(app("default", new FleetSnapshot(List.of(), 0, true, NOW))), List.of())
            .toString());
  }

  @Test
  @DisplayName("R2 R7 several apps: counts per app and over all, workers named by app and id")
  void summarisesEveryApp() {
    FleetSnapshot web =
        new FleetSnapshot(List.of(worker("web", 0, WorkerState.READY)), 1, true, NOW);
    FleetSnapshot api =
        new FleetSnapshot(
            List.of(worker("api", 0, WorkerState.READY), worker("api", 1, WorkerState.STARTING)),
            3,
            true,
            NOW.plusSeconds(1));
    TrafficSnapshot apiTraffic = new TrafficSnapshot("api", 0, 5, 0, 0, Map.of(), 0, 0, 0, 1, 2);

    JsonObject json = StatusJson.of(List.of(app("web", web), app("api", api)), List.of(apiTraffic));

    assertEquals("2026-12-02T15:00:01Z", json.getString("time"));
    assertEquals(4, json.getInt("desired"));
    assertEquals(2, json.getInt("ready"));
    assertEquals(
        "[{\"name\":\"web\",\"desired\":1,\"ready\":1},"
            + "{\"name\":\"api\",\"desired\":3,\"ready\":1}]",
        json.getJsonArray("apps").toString());
    List<String> names =
        json.getJsonArray("workers").getValuesAs(JsonObject.class).stream()
            .map(w -> w.getString("app") + " " + w.getInt("id") + " " + w.getString("name"))
            .toList();
    assertEquals(List.of("web 0 web/0", "api 0 api/0", "api 1 api/1"), names);
    assertEquals(0, json.getJsonArray("workers").getJsonObject(0).getInt("requests"));
    assertEquals(5, json.getJsonArray("workers").getJsonObject(1).getInt("requests"));
  }

  static AppFleet app(String name, FleetSnapshot snapshot) {
    return new AppFleet(name, snapshot, 1);
  }

  static WorkerSnapshot worker(String app, int id, WorkerState state) {
    return new WorkerSnapshot(
        app, id, 100 + id, 3000 + id, state, NOW, NOW, 0, null, -1, -1, 0, null, List.of("node"));
  }
}
