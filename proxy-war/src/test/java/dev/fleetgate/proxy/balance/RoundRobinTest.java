package dev.fleetgate.proxy.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.fleetgate.supervisor.routing.Upstream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** R1: round-robin in worker order, across changes of the ready list. */
class RoundRobinTest {
  RoundRobin cut = new RoundRobin();
  Upstream a = new Upstream(0, "127.0.0.1", 3000);
  Upstream b = new Upstream(1, "127.0.0.1", 3001);
  Upstream c = new Upstream(2, "127.0.0.1", 3002);

  List<Integer> picks(List<Upstream> ready, int n) {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(cut.choose(ready).workerId());
    }
    return ids;
  }

  @Test
  void r1_visitsEveryWorkerInTurn() {
    assertEquals(List.of(0, 1, 2, 0, 1, 2, 0), picks(List.of(a, b, c), 7));
  }

  @Test
  void r1_keepsRotatingWhenAWorkerLeavesOrJoins() {
    assertEquals(List.of(0, 1), picks(List.of(a, b, c), 2));
    assertEquals(List.of(0, 2, 0), picks(List.of(a, c), 3));
    assertEquals(List.of(2, 0, 1), picks(List.of(a, b, c), 3));
  }

  @Test
  void r1_noReadyWorkerMeansNoChoice() {
    assertNull(cut.choose(List.of()));
  }
}
