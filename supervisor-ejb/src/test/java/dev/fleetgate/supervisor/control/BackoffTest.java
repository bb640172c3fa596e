package dev.fleetgate.supervisor.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** R4: restart delays grow like PM2's exponential backoff; crash loops end in FAILED. */
class BackoffTest {
  Backoff cut =
      new Backoff(Duration.ofMillis(100), 1.5, Duration.ofSeconds(15), Duration.ofSeconds(30));

  @Test
  void r4_delaysGrowByOnePointFiveFrom100msUpTo15s() {
    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      delays.add(cut.delayAfter(Duration.ofMillis(10)).toMillis());
    }
    assertEquals(
        List.of(
            100L, 150L, 225L, 338L, 506L, 759L, 1139L, 1709L, 2563L, 3844L, 5767L, 8650L, 12975L,
            15000L),
        delays);
    assertEquals(15_000, cut.delayAfter(Duration.ZERO).toMillis());
  }

  @Test
  void r4_aProcessUpFor30sStartsTheSequenceAgain() {
    cut.delayAfter(Duration.ZERO);
    cut.delayAfter(Duration.ZERO);
    assertEquals(225, cut.delayAfter(Duration.ofSeconds(29)).toMillis());
    assertEquals(100, cut.delayAfter(Duration.ofSeconds(30)).toMillis());
    assertEquals(150, cut.delayAfter(Duration.ofSeconds(1)).toMillis());
  }

  @Test
  void r4_tooManyFailedStartsInTheWindowIsACrashLoop() {
    CrashLoopGuard guard = new CrashLoopGuard(3, Duration.ofSeconds(60));
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    assertFalse(guard.recordFailure(t0));
    assertFalse(guard.recordFailure(t0.plusSeconds(10)));
    assertTrue(guard.recordFailure(t0.plusSeconds(20)));
  }

  @Test
  void r4_failuresOlderThanTheWindowAreForgotten() {
    CrashLoopGuard guard = new CrashLoopGuard(3, Duration.ofSeconds(60));
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    guard.recordFailure(t0);
    guard.recordFailure(t0.plusSeconds(30));
    assertFalse(guard.recordFailure(t0.plusSeconds(61)));
    assertEquals(2, guard.recentFailures());
    assertTrue(guard.recordFailure(t0.plusSeconds(62)));
  }
}
