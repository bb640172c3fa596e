package dev.fleetgate.supervisor.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which nodes are live and which are lost, from the reports read out of the grid (R4), judged by
 * this node's clock alone: a node is live while its report keeps changing; it is lost once no new
 * report came for {@code lost-after}, or at once when the grid says its member left. A lost node is
 * kept, with the time, until it comes back (a report of a new incarnation or a new sequence) or for
 * {@code forget-after}. Used by one thread at a time (the refresh task); what it returns is
 * immutable.
 */
final class ClusterView {
  private final String localNode;
  private final Duration lostAfter;
  private final Duration forgetAfter;
  private final Map<String, ClusterNode> nodes = new HashMap<>();

  ClusterView(String localNode, Duration lostAfter, Duration forgetAfter) {
    this.localNode = localNode;
    this.lostAfter = lostAfter;
    this.forgetAfter = forgetAfter;
  }

  /**
   * Takes the reports read now and the grid members that left since the last update.
   *
   * @param reports every report in the grid, this node's included
   * @param departed incarnations whose grid member left
   * @return every node known, live or lost, by name
   */
  List<ClusterNode> update(List<NodeReport> reports, Set<String> departed, Instant now) {
    for (NodeReport report : reports) {
      ClusterNode known = nodes.get(report.node());
      boolean isNew =
          known == null
              || !known.report().incarnation().equals(report.incarnation())
              || known.report().sequence() != report.sequence();
      if (departed.contains(report.incarnation())) {
        continue; // a report replicated after its member left: not a sign of life
      }
      if (isNew) {
        nodes.put(
            report.node(), new ClusterNode(report, report.node().equals(localNode), now, null));
      }
    }
    List<String> forgotten = new ArrayList<>();
    for (ClusterNode node : List.copyOf(nodes.values())) {
      if (node.local()) {
        continue;
      }
      if (node.lost()) {
        if (Duration.between(node.lostAt(), now).compareTo(forgetAfter) > 0) {
          forgotten.add(node.name());
        }
      } else if (departed.contains(node.report().incarnation())
          || Duration.between(node.lastSeen(), now).compareTo(lostAfter) > 0) {
        nodes.put(node.name(), new ClusterNode(node.report(), false, node.lastSeen(), now));
      }
    }
    forgotten.forEach(nodes::remove);
    return nodes.values().stream().sorted(Comparator.comparing(ClusterNode::name)).toList();
  }
}
