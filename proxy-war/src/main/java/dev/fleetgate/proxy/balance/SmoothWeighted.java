package dev.fleetgate.proxy.balance;

/**
 * nginx's smooth weighted round-robin (R2), computed once per set of workers: for each pick every
 * peer's {@code current += weight}, the highest {@code current} wins (first on a tie) and loses the
 * total. Weights 5,1,1 give a a b a c a a. The proxy walks the resulting cycle with one atomic
 * counter, so picks need no lock.
 */
public final class SmoothWeighted {
  private SmoothWeighted() {}

  /** One full cycle of picks (peer indexes), as long as the sum of the weights. */
  public static int[] cycle(int[] weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int[] current = new int[weights.length];
    int[] picks = new int[total];
    for (int p = 0; p < total; p++) {
      int best = -1;
      for (int i = 0; i < weights.length; i++) {
        current[i] += weights[i];
        if (best < 0 || current[i] > current[best]) {
          best = i;
        }
      }
      current[best] -= total;
      picks[p] = best;
    }
    return picks;
  }
}
