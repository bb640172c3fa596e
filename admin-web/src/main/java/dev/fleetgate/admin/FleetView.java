package dev.fleetgate.admin;

import dev.fleetgate.supervisor.entity.FleetSnapshot;
import dev.fleetgate.supervisor.entity.TrafficSnapshot;
import dev.fleetgate.supervisor.entity.WorkerName;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the overview shows: the headline over every app, one {@link AppGroup} per app with one
 * {@link WorkerRow} per worker (R1, R1.7), or why there is nothing to show (R5). Getters for
 * Expression Language, as in {@link WorkerRow}.
 */
public final class FleetView {

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final List<AppGroup> groups;
  private final List<NodeGroup> nodes;
  private final String headline;
  private final String takenAt;
  private final String problem;
  private final boolean ready;

  private FleetView(
      List<AppGroup> groups,
      List<NodeGroup> nodes,
      String headline,
      String takenAt,
      String problem,
      boolean ready) {
    this.groups = List.copyOf(groups);
    this.nodes = List.copyOf(nodes);
    this.headline = headline;
    this.takenAt = takenAt;
    this.problem = problem;
    this.ready = ready;
  }

  /**
   * The view of one app's snapshot, the default app's, with min-ready 1 and no traffic.
   *
   * @param zone where the operator's "as of" clock time is read
   */
  public static FleetView of(FleetSnapshot snapshot, ZoneId zone) {
    return of(List.of(new AppFleet(WorkerName.DEFAULT_APP, snapshot, 1)), List.of(), zone);
  }

  /**
   * The view of every app, in the order given, with each worker's traffic (R1.5) and whether the
   * fleet is ready as {@code /health/ready} judges it (R1.6): every app has its min-ready workers
   * READY. Durations are measured to each app's snapshot time.
   *
   * @param traffic counters by worker; a worker without any shows zeros
   * @param zone where the operator's "as of" clock time is read
   */
  public static FleetView of(List<AppFleet> apps, List<TrafficSnapshot> traffic, ZoneId zone) {
    List<AppGroup> groups = groups(apps, traffic, null, false);
    return new FleetView(
        groups,
        List.of(),
        headline(groups),
        latest(apps).map(t -> clock(t, zone)).orElse(""),
        "",
        apps.stream().allMatch(AppFleet::ready));
  }

  /**
   * The view of a cluster (R18): one section per node, in the order given, each with its apps'
   * groups. The headline and the readiness are over the live nodes: a lost node's workers are its
   * last known state, shown but not counted.
   *
   * @param zone where the operator's "as of" clock time is read
   */
  public static FleetView ofNodes(List<NodeGroup> nodes, ZoneId zone) {
    List<NodeGroup> live = nodes.stream().filter(n -> !n.isLost()).toList();
    return new FleetView(
        nodes.stream().flatMap(n -> n.getGroups().stream()).toList(),
        nodes,
        headline(live.stream().flatMap(n -> n.getGroups().stream()).toList()),
        live.stream()
            .map(NodeGroup::takenAt)
            .filter(Objects::nonNull)
            .max(Comparator.naturalOrder())
            .map(t -> clock(t, zone))
            .orElse(""),
        "",
        !live.isEmpty() && live.stream().allMatch(NodeGroup::isReady));
  }

  /**
   * One group per app, in the order given, each row with its worker's traffic.
   *
   * @param node the cluster node they run on, or null outside a cluster
   * @param nodeLost true when that node is lost
   */
  static List<AppGroup> groups(
      List<AppFleet> apps, List<TrafficSnapshot> traffic, String node, boolean nodeLost) {
    Map<WorkerName, TrafficSnapshot> byWorker =
        traffic.stream()
            .collect(
                Collectors.toMap(
                    t -> new WorkerName(t.app(), t.workerId()), Function.identity(), (a, b) -> b));
    List<AppGroup> groups = new ArrayList<>();
    for (AppFleet app : apps) {
      FleetSnapshot snapshot = app.snapshot();
      List<WorkerRow> rows =
          snapshot.workers().stream()
              .map(
                  w ->
                      WorkerRow.onNode(
                          w,
                          byWorker.get(new WorkerName(w.app(), w.id())),
                          snapshot.takenAt(),
                          node,
                          nodeLost))
              .toList();
      groups.add(
          new AppGroup(
              node,
              app.name(),
              rows,
              headline(snapshot.readyCount(), snapshot.desired(), !snapshot.initialStartDone()),
              snapshot.desired(),
              snapshot.readyCount(),
              !snapshot.initialStartDone(),
              app.ready()));
    }
    return groups;
  }

  /** The moment of the newest snapshot among {@code apps}. */
  static Optional<Instant> latest(List<AppFleet> apps) {
    return apps.stream().map(a -> a.snapshot().takenAt()).max(Comparator.naturalOrder());
  }

  /** "HH:mm:ss" of {@code moment} in {@code zone}. */
  static String clock(Instant moment, ZoneId zone) {
    return CLOCK.format(moment.atZone(zone));
  }

  /** "3 / 4 workers ready" over {@code groups}, with " · starting" while any is starting. */
  static String headline(List<AppGroup> groups) {
    return headline(
        groups.stream().mapToLong(AppGroup::readyCount).sum(),
        groups.stream().mapToInt(AppGroup::getDesired).sum(),
        groups.stream().anyMatch(AppGroup::starting));
  }

  private static String headline(long ready, int desired, boolean starting) {
    return ready
        + " / "
        + desired
        + (desired == 1 ? " worker ready" : " workers ready")
        + (starting ? " · starting" : "");
  }

  /** A view without workers that says why (R5). */
  public static FleetView unavailable(String problem) {
    String why = problem == null || problem.isBlank() ? "no answer" : problem;
    return new FleetView(List.of(), List.of(), "Supervisor not available", "", why, false);
  }

  /** Every worker's row, app after app (node after node in a cluster). */
  public List<WorkerRow> getRows() {
    return groups.stream().flatMap(g -> g.getRows().stream()).toList();
  }

  /** One group per app, in the configuration's order (node after node in a cluster). */
  public List<AppGroup> getGroups() {
    return groups;
  }

  /**
   * True with several apps: the overview then shows one table per app under its group header; with
   * one app it shows the single table it always did.
   */
  public boolean isGrouped() {
    return nodes.isEmpty() && groups.size() > 1;
  }

  /**
   * True in a cluster (R18): the overview then shows one section per node ({@link #getNodes()})
   * instead of the single table or the app groups.
   */
  public boolean isClustered() {
    return !nodes.isEmpty();
  }

  /** One section per cluster node, live and lost, by name; empty outside a cluster. */
  public List<NodeGroup> getNodes() {
    return nodes;
  }

  /** "3 nodes", or "3 nodes · 1 lost": beside the headline in a cluster. */
  public String getNodeSummary() {
    long lost = nodes.stream().filter(NodeGroup::isLost).count();
    return nodes.size()
        + (nodes.size() == 1 ? " node" : " nodes")
        + (lost == 0 ? "" : " · " + lost + " lost");
  }

  /**
   * What the cluster's scale and rolling-restart controls can act on (R18.2): every app of every
   * live node, node after node.
   */
  public List<AppGroup> getTargets() {
    return nodes.stream().filter(n -> !n.isLost()).flatMap(n -> n.getGroups().stream()).toList();
  }

  /** The group of {@code app} on {@code node} among {@link #getTargets()}, if there is one. */
  public Optional<AppGroup> target(AppOnNode target) {
    return getTargets().stream()
        .filter(g -> g.getNode().equals(target.node()) && g.getName().equals(target.app()))
        .findFirst();
  }

  /** The only app's group, or the first; null when unavailable (EL reads it as not rendered). */
  public AppGroup getFirstGroup() {
    return groups.isEmpty() ? null : groups.get(0);
  }

  /** The group of the app named so, if there is one. */
  public Optional<AppGroup> group(String app) {
    return groups.stream().filter(g -> g.getName().equals(app)).findFirst();
  }

  /** The apps' names, in order: the choices of the scale and rolling-restart controls. */
  public List<String> getAppNames() {
    return groups.stream().map(AppGroup::getName).toList();
  }

  /** "3 / 4 workers ready" over every app, with " · starting" until every initial start is done. */
  public String getHeadline() {
    return headline;
  }

  /** Clock time of the snapshot, "HH:mm:ss"; empty when unavailable. */
  public String getTakenAt() {
    return takenAt;
  }

  public boolean isAvailable() {
    return problem.isEmpty();
  }

  /** True when every app has at least its min-ready workers READY: {@code /health/ready} is UP. */
  public boolean isReady() {
    return ready;
  }

  /** How many workers the supervisor is asked to run, over every app. */
  public int getDesired() {
    return groups.stream().mapToInt(AppGroup::getDesired).sum();
  }

  /** The readiness badge's text. */
  public String getReadiness() {
    return ready ? "ready" : "not ready";
  }

  /** The readiness badge's CSS classes. */
  public String getReadinessClass() {
    return ready ? "fg-badge fg-badge-ok" : "fg-badge fg-badge-failed";
  }

  /** Why no workers are shown; empty when available. */
  public String getProblem() {
    return problem;
  }
}
