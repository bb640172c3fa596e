package dev.fleetgate.supervisor.cluster;

import java.time.Instant;

/**
 * One node as this node sees it (R2, R4).
 *
 * @param report its latest report
 * @param local whether it is this node
 * @param lastSeen when this node last saw a new report of it (this node's clock)
 * @param lostAt when this node decided it was lost, or null while it is live
 */
public record ClusterNode(NodeReport report, boolean local, Instant lastSeen, Instant lostAt) {

  public String name() {
    return report.node();
  }

  public boolean lost() {
    return lostAt != null;
  }
}
