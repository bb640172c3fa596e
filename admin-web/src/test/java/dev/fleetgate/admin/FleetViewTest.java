package dev.fleetgate.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetgate.supervisor.entity.FleetSnapshot;
import dev.fleetgate.supervisor.entity.TrafficSnapshot;
import dev.fleetgate.supervisor.entity.WorkerSnapshot;
import dev.fleetgate.supervisor.entity.WorkerState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FleetViewTest {

  static final Instant TAKEN = Instant.parse("2025-01-01T12:34:56Z");
  static final ZoneOffset UTC = ZoneOffset.UTC;

  static WorkerSnapshot worker(int id, WorkerState state) {
    return worker("default", id, state);
  }

  static WorkerSnapshot worker(String app, int id, WorkerState state) {
    return new WorkerSnapshot(
        app,
        id,
        1000 + id,
        3000 + id,
        state,
        TAKEN,
        TAKEN.minusSeconds(90),
        0,
        null,
        -1,
        -1,
        0,
        null,
        List.of("node"));
  }

  @Test
  @DisplayName("R1 the headline counts ready workers of those desired")
  void countsReadyOfDesired() {
    FleetSnapshot snapshot =
        new FleetSnapshot(
            List.of(
                worker(0, WorkerState.READY),
                worker(1, WorkerState.READY),
                worker(2, WorkerState.STARTING)),
            4,
            true,
            TAKEN);

    FleetView cut = FleetView.of(snapshot, ZoneOffset.UTC);

    assertEquals("2 / 4 workers ready", cut.getHeadline());
    assertEquals("12:34:56", cut.getTakenAt());
    assertEquals(3, cut.getRows().size());
    assertEquals("1 min 30 s", cut.getRows().get(0).getUptime());
    assertTrue(cut.isAvailable());
  }

  @Test
  @DisplayName("R1 the headline says when the initial start is still running")
  void saysWhenStarting() {
    FleetSnapshot snapshot =
        new FleetSnapshot(List.of(worker(0, WorkerState.STARTING)), 1, false, TAKEN);

    assertEquals(
        "0 / 1 worker ready · starting", FleetView.of(snapshot, ZoneOffset.UTC).getHeadline());
  }

  @Test
  @DisplayName("R1.6 the fleet is ready with at least min-ready workers READY")
  void saysWhetherReady() {
    FleetSnapshot snapshot =
        new FleetSnapshot(
            List.of(worker(0, WorkerState.READY), worker(1, WorkerState.BACKOFF)), 2, true, TAKEN);

    FleetView one = FleetView.of(List.of(new AppFleet("default", snapshot, 1)), List.of(), UTC);
    FleetView two = FleetView.of(List.of(new AppFleet("default", snapshot, 2)), List.of(), UTC);

    assertTrue(one.isReady());
    assertEquals("ready", one.getReadiness());
    assertEquals("fg-badge fg-badge-ok", one.getReadinessClass());
    assertFalse(two.isReady());
    assertEquals("not ready", two.getReadiness());
    assertEquals(2, two.getDesired());
  }

  @Test
  @DisplayName("R1.5 each row gets its own worker's traffic")
  void joinsTrafficByWorker() {
    FleetSnapshot snapshot =
        new FleetSnapshot(
            List.of(worker(0, WorkerState.READY), worker(1, WorkerState.READY)), 2, true, TAKEN);
    List<TrafficSnapshot> traffic =
        List.of(new TrafficSnapshot("default", 1, 10, 0, 0, Map.of(), 0, 0, 0, 1, 2));

    FleetView cut = FleetView.of(List.of(new AppFleet("default", snapshot, 1)), traffic, UTC);

    assertEquals(0, cut.getRows().get(0).getRequests());
    assertEquals(10, cut.getRows().get(1).getRequests());
  }

  @Test
  @DisplayName("R1.7 several apps: one group per app in order, with its own count and readiness")
  void groupsWorkersByApp() {
    FleetSnapshot web =
        new FleetSnapshot(
            List.of(worker("web", 0, WorkerState.READY), worker("web", 1, WorkerState.READY)),
            2,
            true,
            TAKEN);
    FleetSnapshot api =
        new FleetSnapshot(List.of(worker("api", 0, WorkerState.BACKOFF)), 3, false, TAKEN);

    FleetView cut =
        FleetView.of(
            List.of(new AppFleet("web", web, 1), new AppFleet("api", api, 1)), List.of(), UTC);

    assertTrue(cut.isGrouped());
    assertEquals(List.of("web", "api"), cut.getAppNames());
    AppGroup first = cut.getGroups().get(0);
    AppGroup second = cut.getGroups().get(1);
    assertEquals("2 / 2 workers ready", first.getHeadline());
    assertEquals("ready", first.getReadiness());
    assertEquals("0 / 3 workers ready · starting", second.getHeadline());
    assertFalse(second.isReady());
    assertEquals(3, second.getDesired());
    assertEquals(List.of("api/0"), second.getRows().stream().map(WorkerRow::getName).toList());
    assertEquals("2 / 5 workers ready · starting", cut.getHeadline());
    assertEquals(5, cut.getDesired());
    assertFalse(cut.isReady(), "one app short of its min-ready makes the fleet not ready");
    assertEquals(3, cut.getRows().size());
  }

  @Test
  @DisplayName("R1.7 one app is not grouped: the single table as before apps")
  void oneAppIsOneTable() {
    FleetSnapshot only =
        new FleetSnapshot(List.of(worker("api", 0, WorkerState.READY)), 1, true, TAKEN);

    FleetView cut = FleetView.of(List.of(new AppFleet("api", only, 1)), List.of(), UTC);

    assertFalse(cut.isGrouped());
    assertEquals("api", cut.getFirstGroup().getName());
    assertEquals("api/0", cut.getRows().get(0).getName());
  }

  @Test
  @DisplayName("R1.5 R1.7 traffic joins by app and id: web/0 and api/0 are different workers")
  void joinsTrafficByAppAndId() {
    FleetSnapshot web =
        new FleetSnapshot(List.of(worker("web", 0, WorkerState.READY)), 1, true, TAKEN);
    FleetSnapshot api =
        new FleetSnapshot(List.of(worker("api", 0, WorkerState.READY)), 1, true, TAKEN);
    List<TrafficSnapshot> traffic =
        List.of(
            new TrafficSnapshot("api", 0, 7, 0, 0, Map.of(), 0, 0, 0, 1, 2),
            new TrafficSnapshot("web", 0, 3, 0, 0, Map.of(), 0, 0, 0, 1, 2));

    FleetView cut =
        FleetView.of(
            List.of(new AppFleet("web", web, 1), new AppFleet("api", api, 1)), traffic, UTC);

    assertEquals(3, cut.getGroups().get(0).getRows().get(0).getRequests());
    assertEquals(7, cut.getGroups().get(1).getRows().get(0).getRequests());
  }

  @Test
  @DisplayName("R18.1 a cluster: one section per node, the headline over the live nodes only")
  void groupsByNodeAndCountsLiveNodes() {
    NodeGroup n1 =
        NodeGroupTest.group(
            NodeGroupTest.live(
                NodeGroupTest.report(
                    "n1",
                    List.of(
                        NodeGroupTest.app("api", NodeGroupTest.fleet("api", 2, WorkerState.READY))),
                    List.of()),
                true));
    NodeGroup n2 =
        NodeGroupTest.group(
            NodeGroupTest.lost(
                NodeGroupTest.report(
                    "n2",
                    List.of(
                        NodeGroupTest.app(
                            "api",
                            NodeGroupTest.fleet("api", 2, WorkerState.READY, WorkerState.READY))),
                    List.of()),
                TAKEN.plusSeconds(60)));
    NodeGroup n3 =
        NodeGroupTest.group(
            NodeGroupTest.live(
                NodeGroupTest.report(
                    "n3",
                    List.of(
                        NodeGroupTest.app(
                            "api",
                            NodeGroupTest.fleet("api", 2, WorkerState.READY, WorkerState.READY))),
                    List.of()),
                false));

    FleetView cut = FleetView.ofNodes(List.of(n1, n2, n3), UTC);

    assertTrue(cut.isClustered());
    assertFalse(cut.isGrouped(), "nodes, not the single node's app groups");
    assertEquals(
        List.of("n1", "n2", "n3"), cut.getNodes().stream().map(NodeGroup::getName).toList());
    assertEquals("3 / 4 workers ready", cut.getHeadline(), "the lost n2's workers not counted");
    assertEquals("3 nodes · 1 lost", cut.getNodeSummary());
    assertEquals("12:34:56", cut.getTakenAt());
    assertTrue(cut.isReady(), "every live node has its apps' min-ready workers");
    assertEquals(5, cut.getRows().size(), "every node's rows, the lost node's too");
    assertEquals(
        List.of("api@n1", "api@n3"),
        cut.getTargets().stream().map(AppGroup::getTargetKey).toList(),
        "a lost node's apps cannot be chosen for an operation");
    assertEquals(2, cut.target(new AppOnNode("n1", "api")).orElseThrow().getDesired());
    assertTrue(cut.target(new AppOnNode("n2", "api")).isEmpty());
  }

  @Test
  @DisplayName("R18 without a cluster the view has no nodes and groups as before")
  void singleNodeHasNoNodes() {
    FleetSnapshot snapshot =
        new FleetSnapshot(List.of(worker(0, WorkerState.READY)), 1, true, TAKEN);

    FleetView cut = FleetView.of(snapshot, UTC);

    assertFalse(cut.isClustered());
    assertTrue(cut.getNodes().isEmpty());
    assertEquals(null, cut.getRows().get(0).getNode());
    assertEquals("fg-worker-row", cut.getRows().get(0).getRowClass());
  }

  @Test
  @DisplayName("R5 without a supervisor the view says why and has no rows")
  void saysWhyWhenUnavailable() {
    FleetView cut = FleetView.unavailable("EJBException: not started");

    assertFalse(cut.isAvailable());
    assertEquals("EJBException: not started", cut.getProblem());
    assertEquals("Supervisor not available", cut.getHeadline());
    assertTrue(cut.getRows().isEmpty());
    assertFalse(cut.isGrouped());
    assertEquals(null, cut.getFirstGroup());
  }

  @Test
  @DisplayName("R5 an unavailable view always has a reason to show")
  void unavailableWithoutMessageStillExplains() {
    assertFalse(FleetView.unavailable(null).isAvailable());
  }
}
