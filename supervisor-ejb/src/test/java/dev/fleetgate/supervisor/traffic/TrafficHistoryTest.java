package dev.fleetgate.supervisor.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetgate.supervisor.entity.TrafficSample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** R4: one sample per worker per interval, rates over that interval, a bounded window. */
class TrafficHistoryTest {
  static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  TrafficHistory cut = new TrafficHistory(Duration.ofSeconds(30), Duration.ofSeconds(10));
  WorkerTraffic worker = new WorkerTraffic("default", 1);

  void requests(int n, long nanos) {
    for (int i = 0; i < n; i++) {
      worker.started();
      worker.completed(200, nanos, 0, 10);
    }
  }

  @Test
  void r4_ratesAndPercentilesAreOverTheLastIntervalOnly() {
    requests(50, 1_000_000_000L); // slow, before the first sample
    cut.sample(T0, List.of(worker), Map.of("1", 0));
    requests(20, 2_000_000L);
    worker.started();
    worker.failed(ErrorKind.CONNECT, 0, 0);

    cut.sample(T0.plusSeconds(10), List.of(worker), Map.of("1", 3));

    TrafficSample last = cut.samples().get(1);
    assertEquals(2.1, last.requestsPerSecond(), 1e-9);
    assertEquals(0.1, last.errorsPerSecond(), 1e-9);
    assertTrue(last.p99Millis() <= 5, "the slow requests were before: " + last.p99Millis());
    assertEquals(3, last.restarts());
  }

  @Test
  void r4_theFirstSampleOfAWorkerHasNoRate() {
    requests(5, 1_000_000L);

    cut.sample(T0, List.of(worker), Map.of());

    assertEquals(0, cut.samples().get(0).requestsPerSecond());
  }

  @Test
  void r4_keepsOnlyTheWindow() {
    for (int i = 0; i < 10; i++) {
      cut.sample(T0.plusSeconds(10L * i), List.of(worker), Map.of());
    }

    List<TrafficSample> kept = cut.samples();
    assertEquals(3, kept.size());
    assertEquals(T0.plusSeconds(70), kept.get(0).at());
  }
}
