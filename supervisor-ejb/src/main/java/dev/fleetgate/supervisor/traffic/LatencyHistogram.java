package dev.fleetgate.supervisor.traffic;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * A lock-free latency distribution in fixed buckets (R2, R3). {@link #record} is one binary search
 * over 19 bounds and two {@link LongAdder} increments.
 */
public final class LatencyHistogram {
  /** Upper bounds of the buckets in microseconds, a 1-2-5 series; one more bucket is unbounded. */
  static final long[] BOUNDS_MICROS = {
    100,
    200,
    500,
    1_000,
    2_000,
    5_000,
    10_000,
    20_000,
    50_000,
    100_000,
    200_000,
    500_000,
    1_000_000,
    2_000_000,
    5_000_000,
    10_000_000,
    20_000_000,
    30_000_000,
    60_000_000
  };

  private final LongAdder[] counts = new LongAdder[BOUNDS_MICROS.length + 1];
  private final LongAdder sumMicros = new LongAdder();

  public LatencyHistogram() {
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new LongAdder();
    }
  }

  public void record(long nanos) {
    long micros = Math.max(0, nanos / 1_000);
    int at = Arrays.binarySearch(BOUNDS_MICROS, micros);
    counts[at >= 0 ? at : -at - 1].increment();
    sumMicros.add(micros);
  }

  public Snapshot snapshot() {
    long[] copy = new long[counts.length];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = counts[i].sum();
    }
    return new Snapshot(copy, sumMicros.sum());
  }

  /**
   * The counts at one moment. Subtract an earlier snapshot to get the distribution of an interval.
   *
   * @param counts observations per bucket, the last one unbounded
   * @param sumMicros the sum of all observations in microseconds
   */
  public record Snapshot(long[] counts, long sumMicros) {
    public static final Snapshot EMPTY = new Snapshot(new long[BOUNDS_MICROS.length + 1], 0);

    public long count() {
      long total = 0;
      for (long c : counts) {
        total += c;
      }
      return total;
    }

    public Snapshot minus(Snapshot earlier) {
      long[] diff = new long[counts.length];
      for (int i = 0; i < diff.length; i++) {
        diff[i] = counts[i] - earlier.counts[i];
      }
      return new Snapshot(diff, sumMicros - earlier.sumMicros);
    }

    /**
     * The latency below which a fraction {@code q} of observations fall, in milliseconds,
     * interpolated linearly inside its bucket; {@code NaN} when there are no observations.
     */
    public double percentileMillis(double q) {
      long total = count();
      if (total == 0) {
        return Double.NaN;
      }
      double rank = q * total;
      long seen = 0;
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] > 0 && seen + counts[i] >= rank) {
          double lower = i == 0 ? 0 : BOUNDS_MICROS[i - 1];
          double upper = i < BOUNDS_MICROS.length ? BOUNDS_MICROS[i] : lower * 2;
          double within = (rank - seen) / counts[i];
          return (lower + (upper - lower) * Math.max(0, within)) / 1_000.0;
        }
        seen += counts[i];
      }
      return BOUNDS_MICROS[BOUNDS_MICROS.length - 1] / 1_000.0;
    }

    /** Upper bound of bucket {@code i} in seconds, {@code +Inf} for the last. */
    public static double boundSeconds(int i) {
      return i < BOUNDS_MICROS.length ? BOUNDS_MICROS[i] / 1_000_000.0 : Double.POSITIVE_INFINITY;
    }
  }
}
