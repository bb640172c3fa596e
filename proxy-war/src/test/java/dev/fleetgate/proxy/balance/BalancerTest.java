package dev.fleetgate.proxy.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetgate.supervisor.routing.Routes;
import dev.fleetgate.supervisor.routing.Upstream;
import dev.fleetgate.supervisor.traffic.WorkerTraffic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** R1–R5: which worker each request goes to, as exact sequences. */
class BalancerTest {
  AtomicLong nanos = new AtomicLong();
  Upstream a = new Upstream(0, "127.0.0.1", 3000, new WorkerTraffic("default", 0));
  Upstream b = new Upstream(1, "127.0.0.1", 3001, new WorkerTraffic("default", 1));
  Upstream c = new Upstream(2, "127.0.0.1", 3002, new WorkerTraffic("default", 2));

  Balancer balancer(Strategy strategy, Map<Integer, Integer> weights) {
    return new Balancer(strategy, weights, 1, Duration.ofSeconds(10), 2, 3, nanos::get);
  }

  static String picks(Balancer cut, Routes routes, int n) {
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < n; i++) {
      Peer peer = cut.choose(cut.peers(routes), null, null);
      names.append(peer == null ? '-' : (char) ('a' + peer.workerId()));
    }
    return names.toString();
  }

  @Test
  void r1_roundRobinVisitsEveryWorkerInTurn() {
    Balancer cut = balancer(Strategy.ROUND_ROBIN, Map.of());
    assertEquals("abcabca", picks(cut, new Routes(List.of(a, b, c), 1), 7));
  }

  @Test
  void r2_weights511GiveNginxsSmoothOrder() {
    Balancer cut = balancer(Strategy.ROUND_ROBIN, Map.of(0, 5, 1, 1, 2, 1));
    assertEquals("aabacaa" + "aabacaa", picks(cut, new Routes(List.of(a, b, c), 1), 14));
  }

  @Test
  void r2_smoothWeightedCycleMatchesNginx() {
    assertEquals(List.of(0, 0, 1, 0, 2, 0, 0), toList(SmoothWeighted.cycle(new int[] {5, 1, 1})));
    assertEquals(List.of(0, 1, 2, 0, 1), toList(SmoothWeighted.cycle(new int[] {2, 2, 1})));
  }

  @Test
  void r3_leastConnectionsPrefersTheLeastBusyAndRotatesTies() {
    Balancer cut = balancer(Strategy.LEAST_CONNECTIONS, Map.of());
    Routes routes = new Routes(List.of(a, b, c), 1);
    a.requestStarted();
    a.requestStarted();
    b.requestStarted();
    assertEquals("ccc", picks(cut, routes, 3));
    c.requestStarted();
    c.requestStarted(); // a=2, b=1, c=2
    assertEquals("b", picks(cut, routes, 1));
    b.requestStarted(); // all 2: ties rotate
    String tied = picks(cut, routes, 3);
    assertEquals(3, tied.chars().distinct().count(), tied);
  }

  @Test
  void r3_leastConnectionsWeighsInFlightByWeight() {
    Balancer cut = balancer(Strategy.LEAST_CONNECTIONS, Map.of(0, 3));
    a.requestStarted();
    a.requestStarted(); // a: 2 in flight / weight 3 < b: 1 / 1
    b.requestStarted();
    assertEquals("a", picks(cut, new Routes(List.of(a, b), 1), 1));
  }

  @Test
  void r4_hashKeepsAKeyOnItsWorkerAndMovesFewKeysWhenOneLeaves() {
    Balancer cut = balancer(Strategy.HASH, Map.of());
    Routes three = new Routes(List.of(a, b, c), 1);
    Map<String, Integer> before = new HashMap<>();
    for (int i = 0; i < 3000; i++) {
      String key = "user-" + i;
      int id = cut.choose(cut.peers(three), key, null).workerId();
      assertEquals(id, cut.choose(cut.peers(three), key, null).workerId(), "sticky");
      before.put(key, id);
    }
    long perWorker = before.values().stream().filter(id -> id == 0).count();
    assertTrue(perWorker > 600 && perWorker < 1400, "roughly a third each: " + perWorker);

    Routes withoutB = new Routes(List.of(a, c), 2);
    int moved = 0;
    for (var entry : before.entrySet()) {
      int now = cut.choose(cut.peers(withoutB), entry.getKey(), null).workerId();
      if (entry.getValue() != 1) {
        assertEquals(entry.getValue(), now, "keys of the workers that stayed do not move");
      } else {
        moved++;
      }
    }
    assertTrue(moved < 1500, "only worker 1's keys moved: " + moved);
  }

  @Test
  void r5_aFailedWorkerIsSkippedForFailTimeoutThenProbedByOneRequest() {
    Balancer cut = balancer(Strategy.ROUND_ROBIN, Map.of());
    Routes routes = new Routes(List.of(a, b), 1);
    Peer first = cut.choose(cut.peers(routes), null, null);
    assertEquals(0, first.workerId());
    first.health().failed();

    assertEquals("bbbb", picks(cut, routes, 4));
    nanos.addAndGet(Duration.ofSeconds(10).toNanos());
    String probing = picks(cut, routes, 4);
    assertEquals(1, probing.chars().filter(ch -> ch == 'a').count(), "one probe: " + probing);

    first.health().succeeded();
    String healthy = picks(cut, routes, 4);
    assertEquals(2, healthy.chars().filter(ch -> ch == 'a').count(), "back in turn: " + healthy);
  }

  @Test
  void r5_aFailedProbeKeepsTheWorkerOutAnotherFailTimeout() {
    Balancer cut = balancer(Strategy.ROUND_ROBIN, Map.of());
    Routes routes = new Routes(List.of(a, b), 1);
    Peer peerA = cut.peers(routes).peers().get(0);
    peerA.health().failed();
    nanos.addAndGet(Duration.ofSeconds(10).toNanos());
    assertTrue(peerA.health().admits(), "the probe");
    peerA.health().failed();
    assertEquals("bbbb", picks(cut, routes, 4));
  }

  @Test
  void r5_theOnlyWorkerIsNeverMarkedDown() {
    Balancer cut = balancer(Strategy.ROUND_ROBIN, Map.of());
    Routes routes = new Routes(List.of(a), 1);
    cut.peers(routes).peers().get(0).health().failed();
    assertEquals("aaa", picks(cut, routes, 3));
  }

  @Test
  void r5_retriesSkipWorkersAlreadyTried() {
    Balancer cut = balancer(Strategy.ROUND_ROBIN, Map.of());
    Routes routes = new Routes(List.of(a, b, c), 1);
    PeerSet peers = cut.peers(routes);
    List<Peer> tried = new ArrayList<>(List.of(peers.peers().get(0), peers.peers().get(1)));
    assertEquals(2, cut.choose(peers, null, tried).workerId());
    tried.add(peers.peers().get(2));
    assertNull(cut.choose(peers, null, tried));
  }

  @Test
  void r1_passiveHealthSurvivesNewRoutesForTheSameProcess() {
    Balancer cut = balancer(Strategy.ROUND_ROBIN, Map.of());
    cut.peers(new Routes(List.of(a, b), 1)).peers().get(0).health().failed();
    String picked = picks(cut, new Routes(List.of(a, b, c), 2), 6);
    assertTrue(picked.indexOf('a') < 0, "worker 0 still skipped: " + picked);
  }

  @Test
  void r6_aWorkerFailingFallChecksGetsNoTrafficUntilItPassesRise() {
    Balancer cut = balancer(Strategy.ROUND_ROBIN, Map.of());
    Routes routes = new Routes(List.of(a, b), 1);
    ActiveHealth checks = cut.peers(routes).peers().get(0).active();
    checks.checked(false);
    checks.checked(false);
    assertEquals("abab", picks(cut, routes, 4), "two failures are not three");
    checks.checked(false);
    assertEquals("bbbb", picks(cut, routes, 4));
    checks.checked(true);
    assertEquals("bbbb", picks(cut, routes, 4), "one pass is not two");
    checks.checked(true);
    assertEquals(2, picks(cut, routes, 4).chars().filter(ch -> ch == 'a').count());
  }

  @Test
  void r6_evenTheOnlyWorkerFailingItsChecksGetsNoTraffic() {
    Balancer cut = balancer(Strategy.LEAST_CONNECTIONS, Map.of());
    Routes routes = new Routes(List.of(a), 1);
    ActiveHealth checks = cut.peers(routes).peers().get(0).active();
    checks.checked(false);
    checks.checked(false);
    checks.checked(false);
    assertNull(cut.choose(cut.peers(routes), null, null));
  }

  static List<Integer> toList(int[] values) {
    List<Integer> list = new ArrayList<>();
    for (int v : values) {
      list.add(v);
    }
    return list;
  }
}
