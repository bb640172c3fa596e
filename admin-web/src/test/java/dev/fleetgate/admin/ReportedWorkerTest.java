package dev.fleetgate.admin;

import static dev.fleetgate.admin.NodeGroupTest.app;
import static dev.fleetgate.admin.NodeGroupTest.fleet;
import static dev.fleetgate.admin.NodeGroupTest.live;
import static dev.fleetgate.admin.NodeGroupTest.lost;
import static dev.fleetgate.admin.NodeGroupTest.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetgate.supervisor.cluster.NodeReport;
import dev.fleetgate.supervisor.entity.TrafficSnapshot;
import dev.fleetgate.supervisor.entity.WorkerState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReportedWorkerTest {

  static final NodeReport TWO_APPS =
      report(
          "n2",
          List.of(
              app("web", fleet("web", 1, WorkerState.READY)),
              app("api", fleet("api", 2, WorkerState.READY, WorkerState.STOPPED))),
          List.of(
              new TrafficSnapshot("web", 1, 99, 0, 0, Map.of(), 0, 0, 0, 1, 2),
              new TrafficSnapshot("api", 1, 5, 0, 0, Map.of(), 0, 0, 0, 1, 2)));

  @Test
  @DisplayName("R18.3 another node's worker: its figures and traffic from the node's report")
  void findsTheWorkerInTheReport() {
    ReportedWorker cut = ReportedWorker.find(live(TWO_APPS, false), "api", 1).orElseThrow();

    assertEquals("api", cut.app());
    assertEquals("api/1", cut.row().getName());
    assertEquals("STOPPED", cut.row().getState());
    assertEquals("n2", cut.row().getNode());
    assertEquals(5, cut.row().getRequests(), "api/1's traffic, not web/1's");
    assertEquals(List.of("node", "server.js"), cut.command(), "the app's command");
    assertFalse(cut.row().isNodeLost());
  }

  @Test
  @DisplayName("R18.3 a lost node's worker is its last known state, marked lost")
  void marksALostNodesWorker() {
    ReportedWorker cut =
        ReportedWorker.find(lost(TWO_APPS, Instant.parse("2025-01-01T13:00:00Z")), "web", 0)
            .orElseThrow();

    assertEquals("READY", cut.row().getState());
    assertTrue(cut.row().isNodeLost());
  }

  @Test
  @DisplayName("R18.3 without an app, the node's default app, else its first, as its supervisor")
  void withoutAppMeansTheNodesDefaultApp() {
    NodeReport withDefault =
        report(
            "n3",
            List.of(
                app("web", fleet("web", 1, WorkerState.READY)),
                app("default", fleet("default", 1, WorkerState.READY))),
            List.of());

    assertEquals("web", ReportedWorker.defaultApp(TWO_APPS));
    assertEquals("default", ReportedWorker.defaultApp(withDefault));
    assertNull(ReportedWorker.defaultApp(report("n4", List.of(), List.of())));
    assertEquals("web", ReportedWorker.find(live(TWO_APPS, false), null, 0).orElseThrow().app());
  }

  @Test
  @DisplayName("R18.3 an app or worker the report does not have is not found")
  void unknownAppOrWorkerIsNotFound() {
    assertTrue(ReportedWorker.find(live(TWO_APPS, false), "nope", 0).isEmpty());
    assertTrue(ReportedWorker.find(live(TWO_APPS, false), "web", 1).isEmpty());
  }
}
