package dev.fleetgate.admin;

import dev.fleetgate.supervisor.cluster.ClusterNode;
import dev.fleetgate.supervisor.cluster.NodeReport;
import dev.fleetgate.supervisor.cluster.NodeReport.AppReport;
import dev.fleetgate.supervisor.entity.TrafficSnapshot;
import dev.fleetgate.supervisor.entity.WorkerName;
import dev.fleetgate.supervisor.entity.WorkerSnapshot;
import java.util.List;
import java.util.Optional;

/**
 * A worker of another cluster node as that node's last report shows it (R18.3): the worker page's
 * figures for it, and the command its app runs (a reported worker carries none of its own).
 *
 * @param app the worker's app
 * @param row its figures, measured to the report's snapshot
 * @param command the command its app's workers run
 */
record ReportedWorker(String app, WorkerRow row, List<String> command) {

  /**
   * The app a worker page without {@code app} means on {@code report}'s node: {@value
   * WorkerName#DEFAULT_APP} when it runs one, else its first app, as its own supervisor would pick;
   * null without apps.
   */
  static String defaultApp(NodeReport report) {
    List<AppReport> apps = report.apps();
    if (apps.isEmpty() || report.app(WorkerName.DEFAULT_APP).isPresent()) {
      return apps.isEmpty() ? null : WorkerName.DEFAULT_APP;
    }
    return apps.get(0).name();
  }

  /**
   * Worker {@code id} of {@code app} (the node's default app when null) in {@code node}'s report;
   * empty when the report has no such app or worker.
   */
  static Optional<ReportedWorker> find(ClusterNode node, String app, int id) {
    NodeReport report = node.report();
    String named = app == null ? defaultApp(report) : app;
    Optional<AppReport> found = named == null ? Optional.empty() : report.app(named);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    AppReport reported = found.get();
    Optional<WorkerSnapshot> worker =
        reported.fleet().workers().stream().filter(w -> w.id() == id).findFirst();
    TrafficSnapshot traffic =
        report.traffic().stream()
            .filter(t -> t.workerId() == id && t.app().equals(reported.name()))
            .findFirst()
            .orElse(null);
    return worker.map(
        w ->
            new ReportedWorker(
                reported.name(),
                WorkerRow.onNode(w, traffic, reported.fleet().takenAt(), node.name(), node.lost()),
                reported.command()));
  }
}
