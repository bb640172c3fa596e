package dev.fleetgate.admin;

import dev.fleetgate.supervisor.cluster.ClusterNode;
import dev.fleetgate.supervisor.cluster.NodeReport;
import dev.fleetgate.supervisor.entity.TrafficSnapshot;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * One cluster node's section of the overview (R18.1): its header (name, LIVE or LOST since when,
 * addresses, version, whether it is this node) over its apps' groups, each with the same table as a
 * single node's. A lost node's rows are its last known workers, marked and without actions. Getters
 * for Expression Language, as in {@link WorkerRow}.
 */
public final class NodeGroup {

  private final String name;
  private final boolean local;
  private final boolean lost;
  private final String state;
  private final String httpAddress;
  private final String gridAddress;
  private final String version;
  private final String reportedAt;
  private final List<AppGroup> groups;
  private final Instant takenAt;

  private NodeGroup(
      ClusterNode node, List<AppGroup> groups, Instant takenAt, String state, String reportedAt) {
    NodeReport report = node.report();
    this.name = node.name();
    this.local = node.local();
    this.lost = node.lost();
    this.state = state;
    this.httpAddress = orNone(report.httpAddress());
    this.gridAddress = orNone(report.gridAddress());
    this.version = orNone(report.version());
    this.reportedAt = reportedAt;
    this.groups = List.copyOf(groups);
    this.takenAt = takenAt;
  }

  /**
   * The section of {@code node} with {@code apps}: this node's own from its supervisor, another's
   * from its report ({@link AppFleet#of(NodeReport)}).
   *
   * @param traffic the node's workers' counters
   * @param zone where the clock times ("LOST since 12:03:04") are read
   */
  public static NodeGroup of(
      ClusterNode node, List<AppFleet> apps, List<TrafficSnapshot> traffic, ZoneId zone) {
    List<AppGroup> groups = FleetView.groups(apps, traffic, node.name(), node.lost());
    String state = node.lost() ? "LOST since " + FleetView.clock(node.lostAt(), zone) : "LIVE";
    Instant takenAt = FleetView.latest(apps).orElse(null);
    return new NodeGroup(
        node,
        groups,
        takenAt,
        state,
        takenAt == null ? "" : "as of " + FleetView.clock(takenAt, zone));
  }

  private static String orNone(String value) {
    return value == null || value.isBlank() ? HumanFormat.NONE : value;
  }

  /** The node's name ({@code fleetgate.cluster.node-name}). */
  public String getName() {
    return name;
  }

  /** True for the node this console runs on. */
  public boolean isLocal() {
    return local;
  }

  /** True when the node is lost: its section shows its last known workers. */
  public boolean isLost() {
    return lost;
  }

  /** "LIVE", or "LOST since 12:03:04". */
  public String getState() {
    return state;
  }

  /** The state badge's CSS classes. */
  public String getStateClass() {
    return lost ? "fg-badge fg-badge-failed fg-node-state" : "fg-badge fg-badge-ok fg-node-state";
  }

  /**
   * The section's CSS classes: {@code fg-node}, plus {@code fg-node-lost} or {@code fg-node-local}.
   */
  public String getSectionClass() {
    return "fg-node" + (lost ? " fg-node-lost" : "") + (local ? " fg-node-local" : "");
  }

  /** Where its front door is, {@code host:port}; "–" when unknown. */
  public String getHttpAddress() {
    return httpAddress;
  }

  /** Its data grid member's address, {@code host:port}; "–" when unknown. */
  public String getGridAddress() {
    return gridAddress;
  }

  /** The Fleetgate version it runs; "–" when unknown. */
  public String getVersion() {
    return version;
  }

  /** "as of 12:03:01": when its workers' snapshot was taken; empty without apps. */
  public String getReportedAt() {
    return reportedAt;
  }

  /** Its apps' groups, in its configuration's order. */
  public List<AppGroup> getGroups() {
    return groups;
  }

  /** True with several apps on the node: each gets its group header. */
  public boolean isGrouped() {
    return groups.size() > 1;
  }

  /** "3 / 4 workers ready" over the node's apps; "last known: …" for a lost node. */
  public String getHeadline() {
    return (lost ? "last known: " : "") + FleetView.headline(groups);
  }

  /** True when the node is live and every app has at least its min-ready workers READY. */
  public boolean isReady() {
    return !lost && groups.stream().allMatch(AppGroup::isReady);
  }

  /** The readiness badge's text; the page shows it for a live node only. */
  public String getReadiness() {
    return isReady() ? "ready" : "not ready";
  }

  public String getReadinessClass() {
    return isReady() ? "fg-badge fg-badge-ok" : "fg-badge fg-badge-failed";
  }

  /** When the newest of its snapshots was taken; null without apps. */
  Instant takenAt() {
    return takenAt;
  }
}
