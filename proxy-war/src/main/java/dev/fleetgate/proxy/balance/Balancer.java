package dev.fleetgate.proxy.balance;

import dev.fleetgate.supervisor.routing.Routes;
import dev.fleetgate.supervisor.routing.Upstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Picks the worker for each request (R1–R5) without a lock: the supervisor's routes are turned into
 * a {@link PeerSet} once per routes version (weights, passive health, the weighted cycle, the hash
 * ring), and every pick reads that immutable set plus one atomic counter.
 */
public final class Balancer {
  private final Strategy strategy;
  private final Map<Integer, Integer> weights;
  private final int maxFails;
  private final Duration failTimeout;
  private final int rise;
  private final int fall;
  private final LongSupplier nanoClock;
  private final AtomicLong counter = new AtomicLong();
  private volatile PeerSet peers = PeerSet.EMPTY;

  public Balancer(
      Strategy strategy,
      Map<Integer, Integer> weights,
      int maxFails,
      Duration failTimeout,
      int rise,
      int fall,
      LongSupplier nanoClock) {
    this.strategy = strategy;
    this.weights = Map.copyOf(weights);
    this.maxFails = maxFails;
    this.failTimeout = failTimeout;
    this.rise = rise;
    this.fall = fall;
    this.nanoClock = nanoClock;
  }

  public Strategy strategy() {
    return strategy;
  }

  /** The peers for these routes; rebuilt only when the supervisor published new routes. */
  public PeerSet peers(Routes routes) {
    PeerSet current = peers;
    if (current.version() != routes.version()) {
      current = rebuild(current, routes);
      peers = current;
    }
    return current;
  }

  /**
   * The worker for a request, or null when none may take it.
   *
   * @param hashKey the request's key for {@link Strategy#HASH}; null falls back to round-robin
   * @param tried workers already tried for this request (retries), or null
   */
  public Peer choose(PeerSet set, String hashKey, List<Peer> tried) {
    List<Peer> all = set.peers();
    if (all.isEmpty()) {
      return null;
    }
    return switch (strategy) {
      case ROUND_ROBIN -> weightedRoundRobin(set, tried);
      case LEAST_CONNECTIONS -> leastConnections(set, tried);
      case HASH -> hashKey == null ? weightedRoundRobin(set, tried) : hashed(set, hashKey, tried);
    };
  }

  private Peer weightedRoundRobin(PeerSet set, List<Peer> tried) {
    int[] cycle = set.cycle();
    long start = counter.getAndIncrement();
    for (int i = 0; i < cycle.length; i++) {
      Peer peer = set.peers().get(cycle[(int) Math.floorMod(start + i, (long) cycle.length)]);
      if (usable(set, peer, tried)) {
        return peer;
      }
    }
    return null;
  }

  private Peer leastConnections(PeerSet set, List<Peer> tried) {
    List<Peer> all = set.peers();
    int offset = (int) Math.floorMod(counter.getAndIncrement(), (long) all.size());
    List<Peer> refused = tried;
    for (int attempt = 0; attempt < all.size(); attempt++) {
      Peer best = null;
      for (int i = 0; i < all.size(); i++) {
        Peer peer = all.get((offset + i) % all.size());
        if ((refused != null && refused.contains(peer))
            || (all.size() > 1 && peer.health().down())) {
          continue;
        }
        // Fewer in flight per unit of weight wins; the first in rotation keeps a tie.
        if (best == null
            || (long) peer.inFlight() * best.weight() < (long) best.inFlight() * peer.weight()) {
          best = peer;
        }
      }
      if (best == null || usable(set, best, null)) {
        return best;
      }
      refused = refused == null ? new ArrayList<>() : new ArrayList<>(refused);
      refused.add(best); // lost the race for its probe: next best
    }
    return null;
  }

  private Peer hashed(PeerSet set, String key, List<Peer> tried) {
    ConsistentHash ring = set.ring();
    int position = ring.position(key);
    for (int step = 0; step < ring.size(); step++) {
      Peer peer = set.peers().get(ring.ownerAt(position, step));
      if (usable(set, peer, tried)) {
        return peer;
      }
    }
    return null;
  }

  /**
   * A worker failing active checks gets no traffic; nginx never marks the only worker down, and
   * otherwise passive health decides.
   */
  private static boolean usable(PeerSet set, Peer peer, List<Peer> tried) {
    if ((tried != null && tried.contains(peer)) || !peer.active().up()) {
      return false;
    }
    return set.peers().size() == 1 || peer.health().admits();
  }

  private PeerSet rebuild(PeerSet previous, Routes routes) {
    Map<Upstream, Peer> known = new IdentityHashMap<>();
    previous.peers().forEach(p -> known.put(p.upstream(), p));
    List<Peer> list = new ArrayList<>(routes.ready().size());
    for (Upstream upstream : routes.ready()) {
      Peer peer = known.get(upstream);
      list.add(
          peer != null
              ? peer
              : new Peer(
                  upstream,
                  weights.getOrDefault(upstream.workerId(), 1),
                  new PassiveHealth(maxFails, failTimeout, nanoClock),
                  new ActiveHealth(rise, fall)));
    }
    return PeerSet.of(routes.version(), list, strategy);
  }
}
