package dev.fleetgate.admin.api;

import dev.fleetgate.admin.AppFleet;
import dev.fleetgate.supervisor.cluster.ClusterNode;
import dev.fleetgate.supervisor.cluster.NodeReport;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /admin/api/cluster} (R8): every node, live and lost, by name, each with its {@code
 * status}, the document {@code GET status} answers on that node ({@link StatusJson}), built from
 * its latest report. Without a cluster, {@code enabled} is false and the one node is this one.
 *
 * <pre>
 * {"enabled": true, "node": "web-1", "gridMembers": 2, "time": "2026-12-02T15:00:00Z",
 *  "nodes": [{"name": "web-1", "local": true, "state": "LIVE", "lostAt": null,
 *             "lastSeen": "…", "http": "web-1:8080", "grid": "10.0.0.1:5701",
 *             "version": "0.1.0", "startedAt": "…", "status": {"time": "…", "desired": 2, …}},
 *            {"name": "web-2", "local": false, "state": "LOST", "lostAt": "…", …}]}
 * </pre>
 */
final class ClusterJson {

  private ClusterJson() {}

  /**
   * @param enabled whether this node is in a cluster
   * @param localNode this node's name
   * @param gridMembers the data grid's members now (0 without a cluster)
   * @param nodes every node, as {@code Cluster.nodes()} lists them
   * @param now this node's clock, against which {@code lostAt} and {@code lastSeen} are read
   */
  static JsonObject of(
      boolean enabled, String localNode, int gridMembers, List<ClusterNode> nodes, Instant now) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    nodes.forEach(node -> array.add(node(node)));
    return Json.createObjectBuilder()
        .add("enabled", enabled)
        .add("node", localNode)
        .add("gridMembers", gridMembers)
        .add("time", now.toString())
        .add("nodes", array)
        .build();
  }

  private static JsonObjectBuilder node(ClusterNode node) {
    NodeReport report = node.report();
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("name", node.name())
            .add("local", node.local())
            .add("state", node.lost() ? "LOST" : "LIVE");
    instant(json, "lostAt", node.lostAt());
    instant(json, "lastSeen", node.lastSeen());
    text(json, "http", report.httpAddress());
    text(json, "grid", report.gridAddress());
    text(json, "version", report.version());
    instant(json, "startedAt", report.startedAt());
    return json.add("status", StatusJson.of(AppFleet.of(report), report.traffic()));
  }

  private static void text(JsonObjectBuilder json, String name, String value) {
    if (value == null || value.isEmpty()) {
      json.addNull(name);
    } else {
      json.add(name, value);
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
