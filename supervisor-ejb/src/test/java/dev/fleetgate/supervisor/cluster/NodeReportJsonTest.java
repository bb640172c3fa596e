package dev.fleetgate.supervisor.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetgate.supervisor.cluster.NodeReport.AppReport;
import dev.fleetgate.supervisor.entity.ExitStatus;
import dev.fleetgate.supervisor.entity.FleetSnapshot;
import dev.fleetgate.supervisor.entity.TrafficSnapshot;
import dev.fleetgate.supervisor.entity.WorkerSnapshot;
import dev.fleetgate.supervisor.entity.WorkerState;
import dev.fleetgate.supervisor.traffic.ErrorKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R2.1: a node's report reads back as the records it was written from. */
class NodeReportJsonTest {
  static final Instant T = Instant.parse("2026-12-03T10:00:00.123Z");

  static NodeReport sample() {
    WorkerSnapshot ready =
        new WorkerSnapshot(
            "api",
            0,
            4242,
            3000,
            WorkerState.READY,
            T,
            T,
            2,
            new ExitStatus(137, 9, T.minusSeconds(5)),
            48_234_496,
            1.5,
            3,
            null,
            List.of());
    WorkerSnapshot failed =
        new WorkerSnapshot(
            "api",
            1,
            -1,
            3001,
            WorkerState.FAILED,
            T,
            null,
            10,
            null,
            -1,
            -1,
            0,
            "exited 10 times within 60 s",
            List.of());
    FleetSnapshot fleet = new FleetSnapshot(List.of(ready, failed), 2, true, T);
    TrafficSnapshot traffic =
        new TrafficSnapshot(
            "api",
            0,
            917,
            3,
            4,
            Map.of(ErrorKind.CONNECT, 3L, ErrorKind.TIMEOUT, 1L),
            2,
            10,
            20,
            1.25,
            9.5);
    TrafficSnapshot idle =
        new TrafficSnapshot("api", 1, 0, 0, 0, Map.of(), 0, 0, 0, Double.NaN, Double.NaN);
    return new NodeReport(
        "web-1:8080",
        "1.2.3",
        "web-1:8080",
        "10.0.0.1:6900",
        "uuid-1",
        T,
        42,
        List.of(new AppReport("api", 1, List.of("node", "app.js"), fleet)),
        List.of(traffic, idle));
  }

  @Test
  @DisplayName("R2.1 every field survives the trip, unknown values included")
  void roundTrip() {
    NodeReport report = sample();
    NodeReport back = NodeReportJson.read(NodeReportJson.write(report));
    assertEquals(report.node(), back.node());
    assertEquals(report.sequence(), back.sequence());
    assertEquals(report.apps().get(0).command(), back.apps().get(0).command());
    assertEquals(report.apps().get(0).fleet(), back.apps().get(0).fleet());
    assertEquals(report.traffic().get(0), back.traffic().get(0));
    assertTrue(Double.isNaN(back.traffic().get(1).p50Millis()));
    assertEquals(report.incarnation(), back.incarnation());
  }

  @Test
  @DisplayName("R2.1 a report is small: well under a kilobyte a worker")
  void aReportIsSmall() {
    int bytes = NodeReportJson.write(sample()).length();
    assertTrue(bytes < 2 * 700, "two workers took " + bytes + " bytes");
  }

  @Test
  @DisplayName("R2.1 what is not a report is refused, not half read")
  void garbageIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> NodeReportJson.read("{\"node\": 1}"));
    assertThrows(IllegalArgumentException.class, () -> NodeReportJson.read("not json"));
  }

  @Test
  @DisplayName("R3.3 a node is fully ready when every app runs all its desired workers READY")
  void fullyReady() {
    assertTrue(!sample().fullyReady());
  }
}
