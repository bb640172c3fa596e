package dev.fleetgate.admin.api;

import static dev.fleetgate.admin.api.ClusterJsonTest.NOW;
import static dev.fleetgate.admin.api.ClusterJsonTest.app;
import static dev.fleetgate.admin.api.ClusterJsonTest.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetgate.supervisor.cluster.ClusterNode;
import dev.fleetgate.supervisor.cluster.NodeReport.AppReport;
import dev.fleetgate.supervisor.entity.WorkerName;
import dev.fleetgate.supervisor.entity.WorkerState;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NodeTargetTest {

  static ClusterNode live(AppReport... apps) {
    return new ClusterNode(report("web-2", "10.0.0.2:5701", apps), false, NOW, null);
  }

  @Test
  @DisplayName("R8 this node's name is this node, whatever the cluster knows")
  void thisNodeIsLocal() {
    NodeTarget cut = NodeTarget.of("web-1", "web-1", false, Optional.empty());

    assertTrue(cut.local());
  }

  @Test
  @DisplayName("R8 a live other node is a remote target")
  void anotherLiveNodeIsRemote() {
    ClusterNode node = live(app("default", 0, WorkerState.READY));

    NodeTarget cut = NodeTarget.of("web-2", "web-1", true, Optional.of(node));

    assertFalse(cut.local());
    assertEquals("web-2", cut.name());
  }

  @Test
  @DisplayName("R8 an unknown node is a 404 naming it")
  void unknownNodeIs404() {
    ApiRefusal refusal =
        assertThrows(
            ApiRefusal.class, () -> NodeTarget.of("nope", "web-1", true, Optional.empty()));

    assertEquals(404, refusal.status());
    assertEquals("no node named 'nope' in the cluster", refusal.getMessage());
  }

  @Test
  @DisplayName("R8 without a cluster, another node's name is a 404 that names this node")
  void anotherNodeWithoutAClusterIs404() {
    ApiRefusal refusal =
        assertThrows(
            ApiRefusal.class, () -> NodeTarget.of("web-2", "host:8080", false, Optional.empty()));

    assertEquals(404, refusal.status());
    assertEquals(
        "no node named 'web-2': this server is in no cluster; its one node is 'host:8080'",
        refusal.getMessage());
  }

  @Test
  @DisplayName("R8 a lost node is a 409 saying since when, to the second")
  void lostNodeIs409() {
    ClusterNode lost =
        new ClusterNode(
            report("web-2", "10.0.0.2:5701", app("default", 0, WorkerState.READY)),
            false,
            NOW.minusSeconds(40),
            NOW.minusMillis(29_500));

    ApiRefusal refusal =
        assertThrows(
            ApiRefusal.class, () -> NodeTarget.of("web-2", "web-1", true, Optional.of(lost)));

    assertEquals(409, refusal.status());
    assertEquals(
        "node web-2 is lost (since 2026-12-02T14:59:30Z): its workers cannot be reached until it"
            + " reports again",
        refusal.getMessage());
  }

  @Test
  @DisplayName("R8 R7 another node's default app: default when it runs one, else its first app")
  void choosesTheOtherNodesDefaultApp() {
    assertEquals(
        "default",
        NodeTarget.of(
                "web-2",
                "web-1",
                true,
                Optional.of(
                    live(app("api", 0, WorkerState.READY), app("default", 0, WorkerState.READY))))
            .defaultApp());
    assertEquals(
        "api",
        NodeTarget.of(
                "web-2",
                "web-1",
                true,
                Optional.of(
                    live(app("api", 0, WorkerState.READY), app("web", 0, WorkerState.READY))))
            .defaultApp());
  }

  @Test
  @DisplayName("R8 R4 another node's workers, of every app or one; an app it lacks is a 404")
  void listsTheOtherNodesWorkers() {
    NodeTarget cut =
        NodeTarget.of(
            "web-2",
            "web-1",
            true,
            Optional.of(live(app("api", 0, WorkerState.READY), app("web", 1, WorkerState.READY))));

    assertEquals(List.of(new WorkerName("api", 0), new WorkerName("web", 1)), cut.workers(null));
    assertEquals(List.of(new WorkerName("web", 1)), cut.workers("web"));
    ApiRefusal refusal = assertThrows(ApiRefusal.class, () -> cut.workers("shop"));
    assertEquals(404, refusal.status());
    assertEquals("no app named 'shop' on node web-2", refusal.getMessage());
  }

  @Test
  @DisplayName("R8 R4 follow=true for another node is a 400 that says where to follow")
  void refusesToFollowAnotherNode() {
    NodeTarget cut =
        NodeTarget.of(
            "web-2", "web-1", true, Optional.of(live(app("default", 0, WorkerState.READY))));

    ApiRefusal refusal = cut.followRefused();

    assertEquals(400, refusal.status());
    assertEquals(
        "follow=true streams this node's workers only: leave follow out for node web-2's last"
            + " lines, or ask its own API at web-2:8080 to follow them",
        refusal.getMessage());
  }
}
