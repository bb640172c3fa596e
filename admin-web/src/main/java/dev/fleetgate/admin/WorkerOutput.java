package dev.fleetgate.admin;

import dev.fleetgate.supervisor.boundary.Supervisor;
import dev.fleetgate.supervisor.cluster.Cluster;
import dev.fleetgate.supervisor.cluster.ClusterNode;
import dev.fleetgate.supervisor.entity.LogEntry;
import java.time.ZoneId;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the worker page's output box shows (R11.1): the worker's recent lines, oldest first, or why
 * there are none. Another node's worker's lines are fetched from that node on each render, as they
 * are not replicated (R18.3).
 *
 * @param lines the lines, the newest at the bottom
 * @param problem why the lines could not be read; empty when they were
 */
record WorkerOutput(List<LogRow> lines, String problem) {

  private static final Logger LOG = Logger.getLogger(WorkerOutput.class.getName());

  static final WorkerOutput NONE = new WorkerOutput(List.of(), "");

  /** {@link Cluster#logAfter}: a worker's lines on a node, numbered above {@code after}. */
  @FunctionalInterface
  interface NodeLog {
    List<LogEntry> after(String node, String app, int workerId, long after);
  }

  WorkerOutput {
    lines = List.copyOf(lines);
  }

  /** The output of this node's worker {@code app/id}. */
  static WorkerOutput local(Supervisor supervisor, String app, int id, ZoneId zone) {
    return new WorkerOutput(
        supervisor.recentLog(app, id).stream().map(line -> LogRow.of(line, zone)).toList(), "");
  }

  /**
   * The output of worker {@code app/id} of another node, asked of that node (at most its newest
   * 1000 lines); none, with the reason, when the node is lost or does not answer.
   */
  static WorkerOutput fromNode(NodeLog log, ClusterNode node, String app, int id, ZoneId zone) {
    if (node.lost()) {
      return new WorkerOutput(
          List.of(), "Node " + node.name() + " is lost: its output cannot be read.");
    }
    try {
      return new WorkerOutput(
          log.after(node.name(), app, id, 0).stream()
              .map(entry -> LogRow.of(entry.line(), zone))
              .toList(),
          "");
    } catch (RuntimeException e) { // the node did not answer, or no longer runs the worker
      LOG.log(Level.FINE, "Log of a worker on another node", e);
      return new WorkerOutput(
          List.of(),
          "The output could not be read from node " + node.name() + ": " + IndexPage.describe(e));
    }
  }

  /** The empty box's text: the problem, or that there is no output yet. */
  String emptyText() {
    return problem.isEmpty() ? "No output yet." : problem;
  }
}
