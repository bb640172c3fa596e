package dev.fleetgate.admin;

import static dev.fleetgate.admin.NodeGroupTest.live;
import static dev.fleetgate.admin.NodeGroupTest.lost;
import static dev.fleetgate.admin.NodeGroupTest.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetgate.supervisor.boundary.OperationFailedException;
import dev.fleetgate.supervisor.entity.LogEntry;
import dev.fleetgate.supervisor.entity.LogLine;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WorkerOutputTest {

  final List<String> asked = new ArrayList<>();

  WorkerOutput.NodeLog answering(List<LogEntry> lines) {
    return (node, app, workerId, after) -> {
      asked.add(node + " " + app + "/" + workerId + " after " + after);
      return lines;
    };
  }

  @Test
  @DisplayName("R18.3 another node's worker's output is fetched from that node, all kept lines")
  void fetchesTheOutputFromTheOwningNode() {
    WorkerOutput.NodeLog cluster =
        answering(
            List.of(
                new LogEntry(
                    41,
                    0,
                    new LogLine(
                        Instant.parse("2025-01-01T12:00:00Z"), LogLine.Stream.STDOUT, "up")),
                new LogEntry(
                    42,
                    0,
                    new LogLine(
                        Instant.parse("2025-01-01T12:00:01Z"), LogLine.Stream.STDERR, "oops"))));

    WorkerOutput cut =
        WorkerOutput.fromNode(
            cluster, live(report("n2", List.of(), List.of()), false), "api", 0, ZoneOffset.UTC);

    assertEquals(List.of("n2 api/0 after 0"), asked);
    assertEquals(List.of("up", "oops"), cut.lines().stream().map(LogRow::getText).toList());
    assertEquals("fg-log-line fg-log-err", cut.lines().get(1).getStyleClass());
    assertEquals("", cut.problem());
  }

  @Test
  @DisplayName("R18.3 a node that does not answer leaves the box empty with the reason")
  void saysWhyWhenTheNodeDoesNotAnswer() {
    WorkerOutput.NodeLog cluster =
        (node, app, workerId, after) -> {
          throw new OperationFailedException("node n2 did not answer within 10 s", null);
        };

    WorkerOutput cut =
        WorkerOutput.fromNode(
            cluster, live(report("n2", List.of(), List.of()), false), "api", 0, ZoneOffset.UTC);

    assertTrue(cut.lines().isEmpty());
    assertTrue(cut.emptyText().contains("could not be read from node n2"), cut.emptyText());
    assertTrue(cut.emptyText().contains("did not answer within 10 s"), cut.emptyText());
  }

  @Test
  @DisplayName("R18.3 a lost node is not asked: the box says it is lost")
  void doesNotAskALostNode() {
    WorkerOutput cut =
        WorkerOutput.fromNode(
            answering(List.of()),
            lost(report("n2", List.of(), List.of()), Instant.parse("2025-01-01T13:00:00Z")),
            "api",
            0,
            ZoneOffset.UTC);

    assertTrue(asked.isEmpty());
    assertEquals("Node n2 is lost: its output cannot be read.", cut.emptyText());
  }

  @Test
  @DisplayName("R11.1 an empty box without a problem says there is no output yet")
  void noOutputYet() {
    assertEquals("No output yet.", WorkerOutput.NONE.emptyText());
  }
}
