package dev.fleetgate.proxy.balance;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A hash ring in the manner of nginx's {@code hash $key consistent} (ketama) (R4): each worker owns
 * 160 points per unit of weight, placed by hashing its id, so a key keeps its worker while that
 * worker is ready, and when a worker leaves only the keys it owned move.
 */
public final class ConsistentHash {
  static final int POINTS_PER_WEIGHT = 160;

  private final long[] points;
  private final int[] owners;

  /** A ring over {@code peers}; {@code owners} are indexes into that list. */
  public ConsistentHash(List<Peer> peers) {
    int size = 0;
    for (Peer peer : peers) {
      size += POINTS_PER_WEIGHT * peer.weight();
    }
    long[][] entries = new long[size][];
    int n = 0;
    for (int index = 0; index < peers.size(); index++) {
      Peer peer = peers.get(index);
      for (int i = 0; i < POINTS_PER_WEIGHT * peer.weight(); i++) {
        entries[n++] = new long[] {hash("worker-" + peer.workerId() + "-" + i), index};
      }
    }
    Arrays.sort(entries, (a, b) -> Long.compare(a[0], b[0]));
    points = new long[size];
    owners = new int[size];
    for (int i = 0; i < size; i++) {
      points[i] = entries[i][0];
      owners[i] = (int) entries[i][1];
    }
  }

  /** Where on the ring {@code key} lands: the position of the first point at or after it. */
  public int position(String key) {
    if (points.length == 0) {
      return -1;
    }
    int at = Arrays.binarySearch(points, hash(key));
    at = at >= 0 ? at : -at - 1;
    return at == points.length ? 0 : at;
  }

  public int size() {
    return points.length;
  }

  /** The peer index owning the point {@code offset} steps clockwise from {@code position}. */
  public int ownerAt(int position, int offset) {
    return owners[(position + offset) % owners.length];
  }

  static long hash(String text) {
    CRC32 crc = new CRC32();
    crc.update(text.getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }
}
