package dev.fleetgate.supervisor.cluster;

import dev.fleetgate.supervisor.entity.FleetSnapshot;
import dev.fleetgate.supervisor.entity.TrafficSnapshot;
import dev.fleetgate.supervisor.entity.WorkerSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one node publishes into the grid every {@code publish-interval} (R2.1): who it is, and its
 * apps' workers and traffic as its own console shows them.
 *
 * @param node the node's name ({@code fleetgate.cluster.node-name})
 * @param version the Fleetgate version it runs
 * @param httpAddress where its front door is, {@code host:port}
 * @param gridAddress its data grid member's address, {@code host:port}
 * @param incarnation its data grid member's id: new at every start, so a message meant for a node
 *     that has since restarted is not carried out by its successor
 * @param startedAt when the node started
 * @param sequence counts this incarnation's reports: a report is new when this changes
 * @param apps its apps in configuration order
 * @param traffic its workers' traffic counters
 */
public record NodeReport(
    String node,
    String version,
    String httpAddress,
    String gridAddress,
    String incarnation,
    Instant startedAt,
    long sequence,
    List<AppReport> apps,
    List<TrafficSnapshot> traffic) {

  public NodeReport {
    apps = List.copyOf(apps);
    traffic = List.copyOf(traffic);
  }

  /**
   * One app on a node.
   *
   * @param command the command its workers run
   */
  public record AppReport(String name, int minReady, List<String> command, FleetSnapshot fleet) {
    public AppReport {
      command = List.copyOf(command);
    }
  }

  public Optional<AppReport> app(String name) {
    return apps.stream().filter(a -> a.name().equals(name)).findFirst();
  }

  public List<WorkerSnapshot> workers() {
    return apps.stream().flatMap(a -> a.fleet().workers().stream()).toList();
  }

  /** True when every app runs as many workers as asked and all of them are READY. */
  public boolean fullyReady() {
    return apps.stream()
        .allMatch(
            a ->
                a.fleet().readyCount() == a.fleet().desired()
                    && a.fleet().workers().size() == a.fleet().desired());
  }
}
