package dev.fleetgate.supervisor.health;

import dev.fleetgate.supervisor.cluster.Cluster;
import dev.fleetgate.supervisor.cluster.ClusterNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * The cluster's members in {@code /health}'s data (dev.fleetgate.supervisor.cluster R1.3): this
 * node's name, how many nodes are live and lost, and per node its state, addresses and version.
 * Always UP: another node's loss is no reason to restart this one. Absent without a cluster.
 */
@Liveness
@ApplicationScoped
public class ClusterHealthCheck implements HealthCheck {

  @Inject Cluster cluster;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("fleetgate-cluster").up();
    if (!cluster.enabled()) {
      return response.withData("enabled", false).build();
    }
    long lost = cluster.nodes().stream().filter(ClusterNode::lost).count();
    response
        .withData("enabled", true)
        .withData("node", cluster.localNode())
        .withData("live", cluster.nodes().size() - lost)
        .withData("lost", lost)
        .withData("gridMembers", cluster.gridMembers());
    for (ClusterNode node : cluster.nodes()) {
      response.withData(
          "node." + node.name(),
          (node.lost() ? "LOST since " + node.lostAt() : "LIVE")
              + " http="
              + node.report().httpAddress()
              + " grid="
              + node.report().gridAddress()
              + " version="
              + node.report().version());
    }
    return response.build();
  }
}
