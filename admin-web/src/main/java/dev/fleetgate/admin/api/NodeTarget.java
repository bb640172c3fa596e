package dev.fleetgate.admin.api;

import dev.fleetgate.supervisor.cluster.ClusterNode;
import dev.fleetgate.supervisor.cluster.NodeReport;
import dev.fleetgate.supervisor.cluster.NodeReport.AppReport;
import dev.fleetgate.supervisor.entity.WorkerName;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The node a URL under {@code nodes/{node}/} names (R8): this node, whose URLs act as those without
 * the prefix, or another node of the cluster that is live. Pure: built from what {@code Cluster}
 * says.
 *
 * @param name the node's name as the URL says it
 * @param remote the other node, or null when it is this one
 */
record NodeTarget(String name, ClusterNode remote) {

  /**
   * @param localNode this node's name
   * @param enabled whether this node is in a cluster
   * @param found the node of that name, if the cluster knows one
   * @throws ApiRefusal 404 for a node the cluster does not know, 409 for a lost one
   */
  static NodeTarget of(
      String name, String localNode, boolean enabled, Optional<ClusterNode> found) {
    if (name.equals(localNode)) {
      return new NodeTarget(name, null);
    }
    ClusterNode node =
        found.orElseThrow(
            () ->
                new ApiRefusal(
                    404,
                    enabled
                        ? "no node named '" + name + "' in the cluster"
                        : "no node named '"
                            + name
                            + "': this server is in no cluster; its one node is '"
                            + localNode
                            + "'"));
    if (node.lost()) {
      throw new ApiRefusal(
          409,
          "node "
              + name
              + " is lost (since "
              + node.lostAt().truncatedTo(ChronoUnit.SECONDS)
              + "): its workers cannot be reached until it reports again");
    }
    return new NodeTarget(name, node);
  }

  boolean local() {
    return remote == null;
  }

  /**
   * The other node's default app, as its own API's URLs without {@code apps/{app}/} choose it:
   * {@code default}, else its first app.
   */
  String defaultApp() {
    List<AppReport> apps = remote.report().apps();
    return apps.isEmpty() || remote.report().app(WorkerName.DEFAULT_APP).isPresent()
        ? WorkerName.DEFAULT_APP
        : apps.get(0).name();
  }

  /**
   * The other node's workers as its latest report lists them: of one app, or of every app.
   *
   * @param app the app, or null for every app
   * @throws ApiRefusal 404 when the node runs no such app
   */
  List<WorkerName> workers(String app) {
    NodeReport report = remote.report();
    if (app != null && report.app(app).isEmpty()) {
      throw new ApiRefusal(404, "no app named '" + app + "' on node " + name);
    }
    return report.apps().stream()
        .filter(a -> app == null || a.name().equals(app))
        .flatMap(a -> a.fleet().workers().stream())
        .map(w -> new WorkerName(w.app(), w.id()))
        .toList();
  }

  /** The answer to {@code follow=true} for another node's workers: not carried across nodes. */
  ApiRefusal followRefused() {
    return new ApiRefusal(
        400,
        "follow=true streams this node's workers only: leave follow out for node "
            + name
            + "'s last lines, or ask its own API at "
            + remote.report().httpAddress()
            + " to follow them");
  }
}
