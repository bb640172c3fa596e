package dev.fleetgate.supervisor.traffic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetgate.supervisor.entity.FleetSnapshot;
import dev.fleetgate.supervisor.entity.WorkerSnapshot;
import dev.fleetgate.supervisor.entity.WorkerState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** R5: the Prometheus text exposition format, one labelled series per worker. */
class PrometheusTextTest {
  static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  static WorkerSnapshot worker(int id, WorkerState state) {
    return new WorkerSnapshot(
        "default",
        id,
        100 + id,
        3000 + id,
        state,
        NOW,
        NOW,
        2,
        null,
        4096,
        12.5,
        0,
        null,
        List.of("node"));
  }

  @Test
  void r5_writesCountersStatesAndACumulativeHistogram() {
    WorkerTraffic traffic = new WorkerTraffic("default", 0);
    traffic.started();
    traffic.completed(200, 3_000_000, 10, 20);
    traffic.started();
    traffic.completed(503, 300_000_000, 0, 5);
    traffic.started();
    traffic.failed(ErrorKind.TIMEOUT, 0, 0);

    String text =
        PrometheusText.of(
            new FleetSnapshot(
                List.of(worker(0, WorkerState.READY), worker(1, WorkerState.BACKOFF)),
                2,
                true,
                NOW),
            List.of(traffic));

    assertTrue(text.contains("# TYPE fleetgate_worker_requests_total counter\n"), text);
    assertTrue(
        text.contains("fleetgate_worker_requests_total{app=\"default\",worker=\"0\"} 3\n"), text);
    assertTrue(
        text.contains(
            "fleetgate_worker_responses_total{app=\"default\",worker=\"0\",code=\"5xx\"} 1\n"));
    assertTrue(
        text.contains(
            "fleetgate_worker_errors_total{app=\"default\",worker=\"0\",kind=\"timeout\"} 1\n"));
    assertTrue(
        text.contains("fleetgate_worker_state{app=\"default\",worker=\"1\",state=\"BACKOFF\"} 1\n"),
        text);
    assertTrue(
        text.contains("fleetgate_worker_state{app=\"default\",worker=\"1\",state=\"READY\"} 0\n"),
        text);
    assertTrue(text.contains("fleetgate_workers_ready 1\n"), text);
    assertTrue(
        text.contains("fleetgate_worker_cpu_ratio{app=\"default\",worker=\"0\"} 0.125\n"), text);
    assertTrue(
        text.contains(
            "fleetgate_worker_latency_seconds_bucket{app=\"default\",worker=\"0\",le=\"0.005\"} 1\n"),
        text);
    assertTrue(
        text.contains(
            "fleetgate_worker_latency_seconds_bucket{app=\"default\",worker=\"0\",le=\"+Inf\"} 2\n"),
        text);
    assertTrue(
        text.contains("fleetgate_worker_latency_seconds_count{app=\"default\",worker=\"0\"} 2\n"),
        text);
    assertTrue(
        text.contains("fleetgate_worker_request_bytes_total{app=\"default\",worker=\"0\"} 10\n"),
        text);
  }

  @Test
  void r6_labelsEachWorkerWithPidPortAndEscapedReason() {
    WorkerSnapshot failed =
        new WorkerSnapshot(
            "default",
            1,
            -1,
            3001,
            WorkerState.FAILED,
            NOW,
            null,
            5,
            null,
            -1,
            -1,
            0,
            "exited \"3\" times\nin 60 s",
            List.of("node"));

    String text =
        PrometheusText.of(
            new FleetSnapshot(List.of(worker(0, WorkerState.READY), failed), 2, true, NOW),
            List.of());

    assertTrue(text.contains("# TYPE fleetgate_worker_info gauge\n"), text);
    assertTrue(
        text.contains(
            "fleetgate_worker_info{app=\"default\",worker=\"0\",pid=\"100\",port=\"3000\"} 1\n"),
        text);
    assertTrue(
        text.contains(
            "fleetgate_worker_info{app=\"default\",worker=\"1\",port=\"3001\","
                + "reason=\"exited \\\"3\\\" times\\nin 60 s\"} 1\n"),
        text);
    assertTrue(
        text.contains("fleetgate_worker_restarts_total{app=\"default\",worker=\"1\"} 5\n"), text);
  }
}
