package dev.fleetgate.supervisor.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** R3: fixed buckets, percentiles accurate to a bucket's width, intervals by subtraction. */
class LatencyHistogramTest {
  LatencyHistogram cut = new LatencyHistogram();

  static long millis(double ms) {
    return (long) (ms * TimeUnit.MILLISECONDS.toNanos(1));
  }

  @Test
  void r3_noObservationsHaveNoPercentile() {
    assertTrue(Double.isNaN(cut.snapshot().percentileMillis(0.5)));
  }

  @Test
  void r3_percentilesFallInTheRightBucket() {
    for (int i = 0; i < 98; i++) {
      cut.record(millis(3)); // bucket 2-5 ms
    }
    cut.record(millis(300)); // bucket 200-500 ms
    cut.record(millis(300));

    LatencyHistogram.Snapshot snapshot = cut.snapshot();
    assertEquals(100, snapshot.count());
    double p50 = snapshot.percentileMillis(0.5);
    double p99 = snapshot.percentileMillis(0.99);
    assertTrue(p50 > 2 && p50 <= 5, "p50 " + p50);
    assertTrue(p99 > 200 && p99 <= 500, "p99 " + p99);
    assertEquals(98 * 3_000 + 2 * 300_000, snapshot.sumMicros());
  }

  @Test
  void r3_anIntervalIsTheDifferenceOfTwoSnapshots() {
    cut.record(millis(1000));
    LatencyHistogram.Snapshot before = cut.snapshot();
    cut.record(millis(0.05));
    cut.record(millis(0.05));

    LatencyHistogram.Snapshot interval = cut.snapshot().minus(before);

    assertEquals(2, interval.count());
    assertTrue(interval.percentileMillis(0.99) <= 0.1, "only the fast ones count");
  }

  @Test
  void r3_slowerThanTheLastBoundIsStillCounted() {
    cut.record(TimeUnit.MINUTES.toNanos(5));

    LatencyHistogram.Snapshot snapshot = cut.snapshot();
    assertEquals(1, snapshot.counts()[snapshot.counts().length - 1]);
    assertTrue(snapshot.percentileMillis(0.5) >= 60_000);
  }
}
