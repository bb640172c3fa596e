package dev.fleetgate.supervisor.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R4: when another node is lost, and when it is back. */
class ClusterViewTest {
  static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
  final ClusterView view = new ClusterView("n1", Duration.ofSeconds(5), Duration.ofHours(1));

  static NodeReport report(String node, String incarnation, long sequence) {
    return new NodeReport(
        node,
        "1.0",
        node + ":8080",
        "127.0.0.1:6900",
        incarnation,
        T0,
        sequence,
        List.of(),
        List.of());
  }

  static ClusterNode node(List<ClusterNode> nodes, String name) {
    return nodes.stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("R4 a node whose report keeps changing is live; the local node is marked local")
  void changingReportsAreLive() {
    view.update(List.of(report("n1", "a", 1), report("n2", "b", 1)), Set.of(), T0);
    List<ClusterNode> nodes =
        view.update(
            List.of(report("n1", "a", 2), report("n2", "b", 2)), Set.of(), T0.plusSeconds(4));
    assertEquals(List.of("n1", "n2"), nodes.stream().map(ClusterNode::name).toList());
    assertTrue(node(nodes, "n1").local());
    assertFalse(node(nodes, "n2").lost());
  }

  @Test
  @DisplayName("R4 a node whose report stops changing for lost-after is lost, with the time")
  void aSilentNodeIsLost() {
    view.update(List.of(report("n2", "b", 7)), Set.of(), T0);
    assertFalse(
        node(view.update(List.of(report("n2", "b", 7)), Set.of(), T0.plusSeconds(5)), "n2").lost());
    ClusterNode lost =
        node(view.update(List.of(report("n2", "b", 7)), Set.of(), T0.plusSeconds(6)), "n2");
    assertEquals(T0.plusSeconds(6), lost.lostAt());
    assertEquals(T0, lost.lastSeen());
  }

  @Test
  @DisplayName(
      "R4 a node whose grid member left is lost at once, and a late copy of its report does not revive it")
  void aDepartedMemberIsLostAtOnce() {
    view.update(List.of(report("n2", "b", 1)), Set.of(), T0);
    ClusterNode lost =
        node(view.update(List.of(report("n2", "b", 2)), Set.of("b"), T0.plusSeconds(1)), "n2");
    assertEquals(T0.plusSeconds(1), lost.lostAt());
  }

  @Test
  @DisplayName("R4 a lost node that comes back (a new incarnation) is live again")
  void aRestartedNodeRejoins() {
    view.update(List.of(report("n2", "b", 1)), Set.of(), T0);
    view.update(List.of(), Set.of("b"), T0.plusSeconds(1));
    ClusterNode back =
        node(view.update(List.of(report("n2", "c", 1)), Set.of("b"), T0.plusSeconds(20)), "n2");
    assertNull(back.lostAt());
    assertEquals("c", back.report().incarnation());
  }

  @Test
  @DisplayName("R4 a node lost for an hour is forgotten")
  void lostNodesAreForgotten() {
    view.update(List.of(report("n2", "b", 1)), Set.of(), T0);
    view.update(List.of(), Set.of("b"), T0.plusSeconds(1));
    assertEquals(1, view.update(List.of(), Set.of(), T0.plusSeconds(3600)).size());
    assertEquals(0, view.update(List.of(), Set.of(), T0.plusSeconds(3602)).size());
  }
}
