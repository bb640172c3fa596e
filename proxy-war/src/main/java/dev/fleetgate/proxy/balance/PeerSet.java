package dev.fleetgate.proxy.balance;

import java.util.List;

/**
 * The ready workers of one routes version with what the strategies precompute from them: the smooth
 * weighted cycle and, for hashing, the ring. Immutable.
 */
public record PeerSet(long version, List<Peer> peers, int[] cycle, ConsistentHash ring) {
  static final PeerSet EMPTY = new PeerSet(-1, List.of(), new int[0], null);

  static PeerSet of(long version, List<Peer> peers, Strategy strategy) {
    int[] weights = peers.stream().mapToInt(Peer::weight).toArray();
    return new PeerSet(
        version,
        List.copyOf(peers),
        SmoothWeighted.cycle(weights),
        strategy == Strategy.HASH ? new ConsistentHash(peers) : null);
  }
}
