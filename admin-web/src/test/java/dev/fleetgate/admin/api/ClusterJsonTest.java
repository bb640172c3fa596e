package dev.fleetgate.admin.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.fleetgate.admin.AppFleet;
import dev.fleetgate.supervisor.cluster.ClusterNode;
import dev.fleetgate.supervisor.cluster.NodeReport;
import dev.fleetgate.supervisor.cluster.NodeReport.AppReport;
import dev.fleetgate.supervisor.entity.FleetSnapshot;
import dev.fleetgate.supervisor.entity.TrafficSnapshot;
import dev.fleetgate.supervisor.entity.WorkerSnapshot;
import dev.fleetgate.supervisor.entity.WorkerState;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClusterJsonTest {

  static final Instant NOW = Instant.parse("2026-12-02T15:00:00Z");

  @Test
  @DisplayName("R8 every node with its state, addresses, version and its own status document")
  void writesEveryNodeWithItsStatus() {
    ClusterNode here =
        new ClusterNode(
            report("web-1", "10.0.0.1:5701", app("default", 0, WorkerState.READY)),
            true,
            NOW,
            null);
    ClusterNode lost =
        new ClusterNode(
            report("web-2", "10.0.0.2:5701", app("api", 0, WorkerState.FAILED)),
            false,
            NOW.minusSeconds(40),
            NOW.minusSeconds(30));

    JsonObject json = ClusterJson.of(true, "web-1", 1, List.of(here, lost), NOW);

    assertEquals(
        "{\"enabled\":true,\"node\":\"web-1\",\"gridMembers\":1,"
            + "\"time\":\"2026-12-02T15:00:00Z\",\"nodes\":["
            + "{\"name\":\"web-1\",\"local\":true,\"state\":\"LIVE\",\"lostAt\":null,"
            + "\"lastSeen\":\"2026-12-02T15:00:00Z\",\"http\":\"web-1:8080\","
            + "\"grid\":\"10.0.0.1:5701\",\"version\":\"0.1.0\","
            + "\"startedAt\":\"2026-12-02T14:00:00Z\",\"status\":"
            + StatusJson.of(AppFleet.of(here.report()), here.report().traffic())
            + "},{\"name\":\"web-2\",\"local\":false,\"state\":\"LOST\","
            + "\"lostAt\":\"2026-12-02T14:59:30Z\",\"lastSeen\":\"2026-12-02T14:59:20Z\","
            + "\"http\":\"web-2:8080\",\"grid\":\"10.0.0.2:5701\",\"version\":\"0.1.0\","
            + "\"startedAt\":\"2026-12-02T14:00:00Z\",\"status\":"
            + StatusJson.of(AppFleet.of(lost.report()), lost.report().traffic())
            + "}]}",
        json.toString());
  }

  @Test
  @DisplayName("R8 R2 a node's status is the document GET status answers on it, with its traffic")
  void buildsEachNodesStatusFromItsReport() {
    ClusterNode node =
        new ClusterNode(
            report("web-2", "10.0.0.2:5701", app("api", 0, WorkerState.READY)), false, NOW, null);

    JsonObject status =
        ClusterJson.of(true, "web-1", 2, List.of(node), NOW)
            .getJsonArray("nodes")
            .getJsonObject(0)
            .getJsonObject("status");

    assertEquals("[{\"name\":\"api\",\"desired\":1,\"ready\":1}]", status.get("apps").toString());
    JsonObject worker = status.getJsonArray("workers").getJsonObject(0);
    assertEquals("api/0", worker.getString("name"));
    assertEquals("READY", worker.getString("state"));
    assertEquals(917, worker.getInt("requests"), "the node's own traffic counters");
  }

  @Test
  @DisplayName("R8 without a cluster: enabled false, this node alone, no grid address")
  void writesThisNodeAloneWithoutACluster() {
    NodeReport report =
        new NodeReport(
            "host:8080",
            "0.1.0",
            "host:8080",
            "",
            "",
            NOW.minusSeconds(3600),
            1,
            List.of(app("default", 0, WorkerState.READY)),
            List.of());

    JsonObject json =
        ClusterJson.of(
            false, "host:8080", 0, List.of(new ClusterNode(report, true, NOW, null)), NOW);

    assertFalse(json.getBoolean("enabled"));
    assertEquals(0, json.getInt("gridMembers"));
    assertEquals(1, json.getJsonArray("nodes").size());
    JsonObject node = json.getJsonArray("nodes").getJsonObject(0);
    assertEquals("host:8080", node.getString("name"));
    assertEquals("LIVE", node.getString("state"));
    assertEquals("null", node.get("grid").toString());
  }

  static NodeReport report(String node, String grid, AppReport... apps) {
    return new NodeReport(
        node,
        "0.1.0",
        node + ":8080",
        grid,
        node + "-incarnation",
        NOW.minusSeconds(3600),
        7,
        List.of(apps),
        List.of(new TrafficSnapshot("api", 0, 917, 2, 3, Map.of(), 4, 100, 2000, 1.5, 12.0)));
  }

  static AppReport app(String name, int id, WorkerState state) {
    WorkerSnapshot worker =
        new WorkerSnapshot(
            name, id, 100 + id, 3000 + id, state, NOW, NOW, 0, null, -1, -1, 0, null, List.of());
    return new AppReport(
        name, 1, List.of("node"), new FleetSnapshot(List.of(worker), 1, true, NOW));
  }
}
