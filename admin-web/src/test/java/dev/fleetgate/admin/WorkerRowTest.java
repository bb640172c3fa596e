package dev.fleetgate.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetgate.supervisor.entity.ExitStatus;
import dev.fleetgate.supervisor.entity.TrafficSnapshot;
import dev.fleetgate.supervisor.entity.WorkerSnapshot;
import dev.fleetgate.supervisor.entity.WorkerState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class WorkerRowTest {

  static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

  static WorkerSnapshot worker(WorkerState state, long pid, Instant startedAt, long rss) {
    return worker("default", state, pid, startedAt, rss);
  }

  static WorkerSnapshot worker(
      String app, WorkerState state, long pid, Instant startedAt, long rss) {
    return new WorkerSnapshot(
        app,
        2,
        pid,
        3002,
        state,
        NOW.minusSeconds(12),
        startedAt,
        4,
        new ExitStatus(1, null, NOW.minusSeconds(3600)),
        rss,
        12.5,
        7,
        state == WorkerState.BACKOFF ? "exited with code 1" : null,
        List.of("node", "server.js"));
  }

  @Test
  @DisplayName("R1 a running worker shows every column ready to print")
  void showsRunningWorker() {
    WorkerRow cut =
        WorkerRow.of(worker(WorkerState.READY, 4242, NOW.minusSeconds(11520), 242745344), NOW);

    assertEquals(2, cut.getId());
    assertEquals("4242", cut.getPid());
    assertEquals(3002, cut.getPort());
    assertEquals("READY", cut.getState());
    assertEquals("fg-badge fg-badge-ok", cut.getBadgeClass());
    assertEquals("for 12 s", cut.getStateAge());
    assertEquals("3 h 12 min", cut.getUptime());
    assertEquals(4, cut.getRestarts());
    assertEquals("code 1, 1 h 0 min ago", cut.getLastExit());
    assertEquals("231.5 MiB", cut.getMemory());
    assertEquals(7, cut.getInFlight());
    assertEquals("", cut.getReason());
  }

  @Test
  @DisplayName("R1.7 a worker of an app is named app/id and links by app; the default app's by id")
  void namesTheWorkerByItsApp() {
    WorkerRow api =
        WorkerRow.of(worker("api", WorkerState.READY, 4242, NOW.minusSeconds(60), 1024), NOW);
    WorkerRow plain =
        WorkerRow.of(worker(WorkerState.READY, 4242, NOW.minusSeconds(60), 1024), NOW);

    assertEquals("api/2", api.getName());
    assertEquals("api", api.getApp());
    assertEquals(2, api.getId());
    assertEquals(false, api.isDefaultApp());
    assertEquals("2", plain.getName());
    assertTrue(plain.isDefaultApp());
  }

  @Test
  @DisplayName("R1.1 R1.2 a worker without a process shows '–' for pid, uptime and memory")
  void showsDashesWithoutProcess() {
    WorkerRow cut = WorkerRow.of(worker(WorkerState.BACKOFF, -1, NOW.minusSeconds(60), -1), NOW);

    assertEquals("–", cut.getPid());
    assertEquals("–", cut.getUptime());
    assertEquals("–", cut.getMemory());
    assertEquals("exited with code 1", cut.getReason());
  }

  @Test
  @DisplayName("R1.1 a stopped worker shows no uptime even if its last start is known")
  void showsNoUptimeWhenStopped() {
    WorkerRow cut = WorkerRow.of(worker(WorkerState.STOPPED, -1, NOW.minusSeconds(60), -1), NOW);

    assertEquals("–", cut.getUptime());
  }

  @Test
  @DisplayName("R1.5 a row shows CPU and the worker's traffic")
  void showsTraffic() {
    TrafficSnapshot traffic =
        new TrafficSnapshot("default", 2, 1234, 3, 5, Map.of(), 2, 0, 0, 4.25, 180);

    WorkerRow cut =
        WorkerRow.of(worker(WorkerState.READY, 4242, NOW.minusSeconds(60), 1024), traffic, NOW);

    assertEquals("12.5 %", cut.getCpu());
    assertEquals(1234, cut.getRequests());
    assertEquals(7, cut.getErrors());
    assertEquals("4.3 ms", cut.getP50());
    assertEquals("180 ms", cut.getP99());
    assertTrue(cut.isRunning());
  }

  @Test
  @DisplayName("R1.5 before any request the latencies read '–' and the counters 0")
  void showsNoTrafficYet() {
    WorkerRow cut = WorkerRow.of(worker(WorkerState.STOPPED, -1, null, -1), null, NOW);

    assertEquals(0, cut.getRequests());
    assertEquals(0, cut.getErrors());
    assertEquals("–", cut.getP50());
    assertEquals("–", cut.getP99());
    assertEquals(false, cut.isRunning());
  }

  @ParameterizedTest(name = "{0} → {1}")
  @DisplayName("R1.4 each state has the badge of its kind")
  @CsvSource({
    "READY, fg-badge fg-badge-ok",
    "STARTING, fg-badge fg-badge-changing",
    "DRAINING, fg-badge fg-badge-changing",
    "STOPPING, fg-badge fg-badge-changing",
    "STOPPED, fg-badge fg-badge-idle",
    "BACKOFF, fg-badge fg-badge-waiting",
    "FAILED, fg-badge fg-badge-failed"
  })
  void mapsStateToBadge(WorkerState state, String expected) {
    assertEquals(expected, WorkerRow.badgeClass(state));
  }

  @ParameterizedTest
  @DisplayName("R1.4 every state has a badge")
  @EnumSource(WorkerState.class)
  void everyStateHasABadge(WorkerState state) {
    assertTrue(WorkerRow.badgeClass(state).startsWith("fg-badge fg-badge-"));
  }
}
