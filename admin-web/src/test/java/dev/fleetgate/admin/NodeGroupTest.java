package dev.fleetgate.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetgate.supervisor.cluster.ClusterNode;
import dev.fleetgate.supervisor.cluster.NodeReport;
import dev.fleetgate.supervisor.cluster.NodeReport.AppReport;
import dev.fleetgate.supervisor.entity.FleetSnapshot;
import dev.fleetgate.supervisor.entity.TrafficSnapshot;
import dev.fleetgate.supervisor.entity.WorkerSnapshot;
import dev.fleetgate.supervisor.entity.WorkerState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NodeGroupTest {

  static final Instant TAKEN = FleetViewTest.TAKEN;
  static final ZoneOffset UTC = ZoneOffset.UTC;

  static FleetSnapshot fleet(String app, int desired, WorkerState... states) {
    List<WorkerSnapshot> workers =
        IntStream.range(0, states.length)
            .mapToObj(id -> FleetViewTest.worker(app, id, states[id]))
            .toList();
    return new FleetSnapshot(workers, desired, true, TAKEN);
  }

  static NodeReport report(String node, List<AppReport> apps, List<TrafficSnapshot> traffic) {
    return new NodeReport(
        node,
        "1.2.0",
        node + ".example:8080",
        node + ".example:5900",
        "uuid-" + node,
        TAKEN.minusSeconds(3600),
        7,
        apps,
        traffic);
  }

  static ClusterNode live(NodeReport report, boolean local) {
    return new ClusterNode(report, local, TAKEN, null);
  }

  static ClusterNode lost(NodeReport report, Instant at) {
    return new ClusterNode(report, false, at.minusSeconds(6), at);
  }

  static NodeGroup group(ClusterNode node) {
    return NodeGroup.of(node, AppFleet.of(node.report()), node.report().traffic(), UTC);
  }

  static AppReport app(String name, FleetSnapshot fleet) {
    return new AppReport(name, 1, List.of("node", "server.js"), fleet);
  }

  @Test
  @DisplayName("R18.1 a node's header: its name, LIVE, addresses, version, this-node marker")
  void showsALiveNodesHeader() {
    NodeGroup cut =
        group(
            live(
                report(
                    "n1",
                    List.of(app("default", fleet("default", 2, WorkerState.READY))),
                    List.of()),
                true));

    assertEquals("n1", cut.getName());
    assertEquals("LIVE", cut.getState());
    assertEquals("fg-badge fg-badge-ok fg-node-state", cut.getStateClass());
    assertEquals("n1.example:8080", cut.getHttpAddress());
    assertEquals("n1.example:5900", cut.getGridAddress());
    assertEquals("1.2.0", cut.getVersion());
    assertTrue(cut.isLocal());
    assertEquals("fg-node fg-node-local", cut.getSectionClass());
    assertEquals("as of 12:34:56", cut.getReportedAt());
  }

  @Test
  @DisplayName("R18.1 a lost node says since when, and its rows are its last workers, marked")
  void marksALostNodesRows() {
    NodeGroup cut =
        group(
            lost(
                report("n2", List.of(app("api", fleet("api", 1, WorkerState.READY))), List.of()),
                Instant.parse("2025-01-01T13:00:05Z")));

    assertTrue(cut.isLost());
    assertEquals("LOST since 13:00:05", cut.getState());
    assertEquals("fg-badge fg-badge-failed fg-node-state", cut.getStateClass());
    assertEquals("fg-node fg-node-lost", cut.getSectionClass());
    assertFalse(cut.isReady(), "a lost node is never ready");
    assertEquals("last known: 1 / 1 worker ready", cut.getHeadline());
    WorkerRow row = cut.getGroups().get(0).getRows().get(0);
    assertEquals("READY", row.getState(), "its last known state");
    assertTrue(row.isNodeLost());
    assertEquals("fg-worker-row fg-worker-lost", row.getRowClass());
  }

  @Test
  @DisplayName("R18.1 each node's apps are grouped as on a single node, every row naming its node")
  void groupsTheNodesAppsWithTheNodeInEveryRow() {
    NodeReport report =
        report(
            "n2",
            List.of(
                app("web", fleet("web", 2, WorkerState.READY, WorkerState.READY)),
                app("api", fleet("api", 2, WorkerState.READY, WorkerState.BACKOFF))),
            List.of(new TrafficSnapshot("api", 1, 12, 0, 3, Map.of(), 1, 0, 0, 1, 2)));

    NodeGroup cut = group(live(report, false));

    assertTrue(cut.isGrouped());
    assertEquals(List.of("web", "api"), cut.getGroups().stream().map(AppGroup::getName).toList());
    assertEquals("3 / 4 workers ready", cut.getHeadline());
    assertTrue(cut.isReady(), "each app has its min-ready 1");
    AppGroup api = cut.getGroups().get(1);
    assertEquals("n2", api.getNode());
    assertEquals("api@n2", api.getTargetKey());
    assertEquals("api on n2", api.getTargetLabel());
    WorkerRow backoff = api.getRows().get(1);
    assertEquals("n2", backoff.getNode());
    assertEquals("api/1", backoff.getName());
    assertEquals(12, backoff.getRequests(), "the node's own traffic joins its rows");
    assertEquals(4, backoff.getErrors());
    assertFalse(backoff.isNodeLost());
    assertEquals("fg-worker-row", backoff.getRowClass());
    assertEquals("fg-node", cut.getSectionClass());
  }

  @Test
  @DisplayName("R18.1 a node known by name only shows dashes for what it has not reported")
  void unknownAddressesShowDashes() {
    NodeGroup cut =
        group(live(new NodeReport("n3", "", "", "", "", null, 0, List.of(), List.of()), true));

    assertEquals("–", cut.getHttpAddress());
    assertEquals("–", cut.getGridAddress());
    assertEquals("–", cut.getVersion());
    assertEquals("", cut.getReportedAt());
    assertEquals("0 / 0 workers ready", cut.getHeadline());
  }
}
