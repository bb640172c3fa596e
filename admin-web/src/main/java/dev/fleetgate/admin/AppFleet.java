package dev.fleetgate.admin;

import dev.fleetgate.supervisor.boundary.Supervisor;
import dev.fleetgate.supervisor.cluster.NodeReport;
import dev.fleetgate.supervisor.entity.FleetSnapshot;
import java.util.List;

/**
 * One app's workers at one moment and the ready count {@code /health/ready} asks of it: what the
 * overview (R1) and the API's status show per app.
 *
 * @param name the app's name ({@code default} without any apps configured)
 * @param snapshot its workers
 * @param minReady READY workers it needs to count as ready
 */
public record AppFleet(String name, FleetSnapshot snapshot, int minReady) {

  /** Every configured app, in the configuration's order: one snapshot per app. */
  public static List<AppFleet> read(Supervisor supervisor) {
    return supervisor.apps().stream()
        .map(app -> new AppFleet(app, supervisor.snapshot(app), supervisor.minReady(app)))
        .toList();
  }

  /** Every app of another cluster node, as its last report shows them (R18.1). */
  public static List<AppFleet> of(NodeReport report) {
    return report.apps().stream()
        .map(app -> new AppFleet(app.name(), app.fleet(), app.minReady()))
        .toList();
  }

  /** True with at least {@link #minReady()} workers READY. */
  public boolean ready() {
    return snapshot.readyCount() >= minReady;
  }
}
