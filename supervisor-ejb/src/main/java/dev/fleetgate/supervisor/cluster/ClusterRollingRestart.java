package dev.fleetgate.supervisor.cluster;

import dev.fleetgate.supervisor.boundary.OperationFailedException;
import dev.fleetgate.supervisor.boundary.OperationFailedException.Kind;
import dev.fleetgate.supervisor.cluster.NodeReport.AppReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rolling restart of the whole cluster (R3.3): node after node, in name order, each node's own
 * rolling restart carried out by that node; the next node begins only once the previous one reports
 * every worker READY again, in a report taken after its restart ended. A node lost on the way stops
 * it; nodes lost before it began are skipped.
 */
final class ClusterRollingRestart {
  private final Cluster cluster;
  private final Duration limitPerNode;
  private final Duration poll;

  /**
   * @param limitPerNode how long one node may take to be fully ready again
   * @param poll how often the view is looked at meanwhile
   */
  ClusterRollingRestart(Cluster cluster, Duration limitPerNode, Duration poll) {
    this.cluster = cluster;
    this.limitPerNode = limitPerNode;
    this.poll = poll;
  }

  /**
   * @param app the app to restart, or null for every app
   * @return the nodes restarted, in order
   */
  List<String> run(String app, String user) {
    List<String> done = new ArrayList<>();
    for (ClusterNode node : cluster.nodes()) {
      if (node.lost()) {
        continue;
      }
      List<String> apps =
          app == null
              ? node.report().apps().stream().map(AppReport::name).toList()
              : node.report().app(app).map(a -> List.of(a.name())).orElse(List.of());
      for (String one : apps) {
        cluster.perform(node.name(), NodeCommand.ROLLING_RESTART, one, 0, user);
      }
      if (!apps.isEmpty()) {
        awaitFullyReady(node.name());
        done.add(node.name());
      }
    }
    if (done.isEmpty()) {
      throw new OperationFailedException(Kind.NO_SUCH_WORKER, "no live node runs app " + app, null);
    }
    return done;
  }

  private void awaitFullyReady(String name) {
    long seen = cluster.node(name).map(n -> n.report().sequence()).orElse(-1L);
    Instant limit = Instant.now().plus(limitPerNode);
    while (Instant.now().isBefore(limit)) {
      Optional<ClusterNode> node = cluster.node(name);
      if (node.isEmpty() || node.get().lost()) {
        throw new OperationFailedException(
            "cluster rolling restart stopped: node " + name + " was lost", null);
      }
      // A report taken after the node's own rolling restart ended.
      if (node.get().report().sequence() > seen + 1 && node.get().report().fullyReady()) {
        return;
      }
      sleep(poll);
    }
    throw new OperationFailedException(
        "cluster rolling restart stopped: node " + name + " not fully ready in time", null);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationFailedException("interrupted", e);
    }
  }
}
