package dev.fleetgate.supervisor.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetgate.supervisor.config.ShippedDefaults;
import dev.fleetgate.supervisor.config.SupervisorConfig;
import dev.fleetgate.supervisor.entity.FleetSnapshot;
import dev.fleetgate.supervisor.entity.LogLine;
import dev.fleetgate.supervisor.entity.WorkerSnapshot;
import dev.fleetgate.supervisor.entity.WorkerState;
import dev.fleetgate.supervisor.routing.RoutingTable;
import dev.fleetgate.supervisor.routing.Upstream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor with real processes: the bundled sample worker and short shell scripts that exit,
 * hang, ignore SIGTERM or fork children. Every test stops what it started.
 */
class FleetTest {
  @TempDir Path dir;

  ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2);
  RoutingTable routing = new RoutingTable("default");
  StateDirectory stateDir;
  Fleet cut;
  int basePort;

  @AfterEach
  void stopEverything() {
    if (cut != null) {
      cut.shutdown();
    }
    if (stateDir != null) {
      stateDir.close();
    }
    scheduler.shutdownNow();
  }

  Fleet fleet(String command, int count, Map<String, String> overrides) throws IOException {
    basePort = freePortRange(6);
    Map<String, String> settings = new HashMap<>();
    settings.put("fleetgate.workers.command", command);
    settings.put("fleetgate.workers.count", Integer.toString(count));
    settings.put("fleetgate.workers.base-port", Integer.toString(basePort));
    settings.put("fleetgate.state-dir", dir.resolve("state").toString());
    settings.put("fleetgate.workers.stop-grace", "3s");
    settings.putAll(overrides);
    SupervisorConfig config = SupervisorConfig.read(ShippedDefaults.with(settings), 2);
    stateDir = StateDirectory.open(config.stateDir());
    cut =
        new Fleet(
            config,
            WorkerCommand.expand(config.command(), stateDir),
            stateDir,
            routing,
            scheduler,
            Executors.defaultThreadFactory(),
            Clock.systemUTC());
    return cut;
  }

  Path script(String name, String body) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, body);
    return file;
  }

  @Test
  void r1_r2_r9_startsWorkersWithPortAndIdAndRoutesThemOnceReady() throws Exception {
    fleet(SupervisorConfig.SAMPLE_WORKER, 2, Map.of()).startInitial();

    awaitTrue(() -> cut.snapshot().readyCount() == 2, "two workers ready");
    assertTrue(cut.initialStartDone());
    List<Upstream> ready = routing.current().ready();
    assertEquals(List.of(0, 1), ready.stream().map(Upstream::workerId).toList());
    for (WorkerSnapshot worker : cut.snapshot().workers()) {
      assertEquals(basePort + worker.id(), worker.port());
      assertTrue(worker.pid() > 0);
      String body = get(worker.port(), "/");
      assertTrue(body.contains("\"worker\":\"" + worker.id() + "\""), body);
      assertTrue(body.contains("\"pid\":" + worker.pid()), body);
    }
  }

  @Test
  void r4_restartsACrashedWorkerAfterBackoff() throws Exception {
    fleet(SupervisorConfig.SAMPLE_WORKER, 1, Map.of()).startInitial();
    awaitTrue(() -> cut.snapshot().readyCount() == 1, "worker ready");
    long firstPid = worker(0).pid();

    ProcessHandle.of(firstPid).orElseThrow().destroyForcibly();

    awaitTrue(
        () -> worker(0).state() == WorkerState.READY && worker(0).pid() != firstPid,
        "worker replaced");
    WorkerSnapshot replaced = worker(0);
    assertEquals(1, replaced.restarts());
    assertEquals(9, replaced.lastExit().signal());
    assertEquals(1, routing.current().ready().size());
    assertTrue(get(replaced.port(), "/").contains("\"pid\":" + replaced.pid()));
  }

  @Test
  void r4_aCrashLoopEndsInFailedUntilAnOperatorStartsIt() throws Exception {
    fleet(
            "sh -c 'echo crashing; exit 3'",
            1,
            Map.of(
                "fleetgate.workers.max-failed-starts", "3",
                "fleetgate.workers.backoff.initial", "10ms"))
        .startInitial();

    awaitTrue(() -> worker(0).state() == WorkerState.FAILED, "worker failed");
    WorkerSnapshot failed = worker(0);
    assertEquals(3, failed.lastExit().code());
    assertTrue(failed.reason().contains("3 failed starts"), failed.reason());
    assertEquals(2, failed.restarts());
    assertTrue(cut.initialStartDone());
    Thread.sleep(300); // stays FAILED: nothing restarts it by itself
    assertEquals(WorkerState.FAILED, worker(0).state());

    cut.start(0);
    awaitTrue(() -> worker(0).restarts() >= 3, "operator start ran it again");
  }

  @Test
  void r2_aWorkerNotReadyInTimeIsKilledAndCountsAsAFailedStart() throws Exception {
    Path hang = script("hang.sh", "echo $$ >> \"$1\"; exec sleep 60\n");
    Path pids = dir.resolve("pids");
    fleet(
            "sh " + hang + " " + pids,
            1,
            Map.of(
                "fleetgate.workers.start-timeout", "300ms",
                "fleetgate.workers.max-failed-starts", "2",
                "fleetgate.workers.backoff.initial", "10ms"))
        .startInitial();

    awaitTrue(() -> worker(0).state() == WorkerState.FAILED, "worker failed");
    assertTrue(worker(0).reason().contains("not ready within 300 ms"), worker(0).reason());
    for (String pid : Files.readAllLines(pids)) {
      awaitTrue(
          () -> ProcessHandle.of(Long.parseLong(pid)).isEmpty(), "hung process " + pid + " gone");
    }
  }

  @Test
  void r5_stopSendsSigtermAndTheWorkerExitsCleanly() throws Exception {
    fleet(SupervisorConfig.SAMPLE_WORKER, 1, Map.of()).startInitial();
    awaitTrue(() -> cut.snapshot().readyCount() == 1, "worker ready");
    // Its port opens a moment before it installs its SIGTERM handler and says so.
    awaitTrue(
        () -> cut.recentLog(0).stream().anyMatch(l -> l.text().contains("listening on")),
        "worker announced itself");

    cut.stop(0).get(10, TimeUnit.SECONDS);

    WorkerSnapshot stopped = worker(0);
    assertEquals(WorkerState.STOPPED, stopped.state());
    assertTrue(
        stopped.lastExit().code() == 0 || Integer.valueOf(15).equals(stopped.lastExit().signal()),
        "ended by SIGTERM, not escalated to SIGKILL: " + stopped.lastExit());
    assertTrue(routing.current().isEmpty());
    assertTrue(
        cut.recentLog(0).stream().anyMatch(l -> l.text().contains("stopping")),
        "the worker saw SIGTERM and shut down by itself: " + cut.recentLog(0));
  }

  @Test
  void r8_1_refusesToStartAWorkerThatIsStopping() throws Exception {
    // Never ready (no port) and deaf to SIGTERM: it stays STOPPING for the whole grace period.
    Path stubborn =
        script("stubborn.sh", "trap 'echo ignoring TERM' TERM\nwhile true; do sleep 0.1; done\n");
    fleet(
            "sh " + stubborn,
            1,
            Map.of("fleetgate.workers.stop-grace", "2s", "fleetgate.workers.start-timeout", "60s"))
        .startInitial();
    awaitTrue(() -> worker(0).pid() > 0, "worker started");
    cut.start(0); // starting a starting worker changes nothing

    CompletableFuture<Void> stopped = cut.stop(0);
    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> cut.start(0));

    assertEquals("worker 0 is STOPPING: start it once it has stopped", refused.getMessage());
    stopped.get(10, TimeUnit.SECONDS);
    cut.start(0);
    assertEquals(WorkerState.STARTING, worker(0).state());
  }

  @Test
  void r5_aWorkerIgnoringSigtermIsKilledWithItsWholeTreeAfterTheGracePeriod() throws Exception {
    Path stubborn =
        script(
            "stubborn.sh",
            "trap 'echo ignoring TERM' TERM\n"
                + "sleep 100 &\n"
                + "echo child $!\n"
                + "while true; do sleep 0.1; done\n");
    fleet(
            "sh " + stubborn,
            1,
            Map.of(
                "fleetgate.workers.stop-grace", "500ms", "fleetgate.workers.start-timeout", "60s"))
        .startInitial();
    awaitTrue(() -> childPid() > 0, "child started");
    long child = childPid();
    long worker = worker(0).pid();

    long started = System.nanoTime();
    cut.stop(0).get(10, TimeUnit.SECONDS);
    long tookMillis = (System.nanoTime() - started) / 1_000_000;

    assertTrue(tookMillis >= 450, "waited for the grace period, took " + tookMillis);
    assertEquals(9, worker(0).lastExit().signal());
    awaitTrue(() -> ProcessHandle.of(worker).isEmpty(), "worker gone");
    awaitTrue(() -> ProcessHandle.of(child).isEmpty(), "its child gone too");
    assertTrue(cut.recentLog(0).stream().anyMatch(l -> l.text().equals("ignoring TERM")));
  }

  @Test
  void r7_capturesStdoutAndStderrApartInMemoryAndInAFile() throws Exception {
    fleet(SupervisorConfig.SAMPLE_WORKER, 1, Map.of()).startInitial();
    awaitTrue(() -> cut.snapshot().readyCount() == 1, "worker ready");
    awaitTrue(() -> cut.recentLog(0).size() >= 2, "two lines");

    List<LogLine> lines = cut.recentLog(0);
    assertTrue(
        lines.stream()
            .anyMatch(
                l -> l.stream() == LogLine.Stream.STDOUT && l.text().contains("listening on")),
        lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.stream() == LogLine.Stream.STDERR), lines.toString());
    assertTrue(lines.stream().noneMatch(l -> l.text().startsWith("fleetgate-guard")));
    String file = Files.readString(dir.resolve("state/logs/worker-0.log"));
    assertTrue(file.contains("out | sample-worker 0 listening on"), file);
    assertTrue(file.contains("err | "), file);
  }

  @Test
  void r8_drainWaitsForInFlightRequestsBeforeStopping() throws Exception {
    fleet(SupervisorConfig.SAMPLE_WORKER, 1, Map.of()).startInitial();
    awaitTrue(() -> cut.snapshot().readyCount() == 1, "worker ready");
    Upstream upstream = routing.current().ready().get(0);
    upstream.requestStarted();

    var drained = cut.drain(0);

    assertTrue(routing.current().isEmpty(), "no new requests go to a draining worker");
    Thread.sleep(300);
    assertEquals(WorkerState.DRAINING, worker(0).state());
    assertEquals(1, worker(0).inFlight());
    upstream.requestFinished();
    drained.get(10, TimeUnit.SECONDS);
    assertEquals(WorkerState.STOPPED, worker(0).state());
  }

  @Test
  void r8_scalesUpOnTheLowestFreeIdsAndDownFromTheHighest() throws Exception {
    fleet(SupervisorConfig.SAMPLE_WORKER, 1, Map.of()).startInitial();
    awaitTrue(() -> cut.snapshot().readyCount() == 1, "worker ready");

    cut.scale(3).get(30, TimeUnit.SECONDS);
    FleetSnapshot up = cut.snapshot();
    assertEquals(3, up.readyCount());
    assertEquals(List.of(0, 1, 2), up.workers().stream().map(WorkerSnapshot::id).toList());
    assertEquals(3, routing.current().ready().size());

    cut.scale(1).get(30, TimeUnit.SECONDS);
    FleetSnapshot down = cut.snapshot();
    assertEquals(List.of(0), down.workers().stream().map(WorkerSnapshot::id).toList());
    assertEquals(1, down.desired());
    assertEquals(1, routing.current().ready().size());
  }

  @Test
  void r8_rollingRestartReplacesEveryWorkerWithoutEverHavingFewerReady() throws Exception {
    fleet(SupervisorConfig.SAMPLE_WORKER, 2, Map.of()).startInitial();
    awaitTrue(() -> cut.snapshot().readyCount() == 2, "two workers ready");
    List<Long> before = cut.snapshot().workers().stream().map(WorkerSnapshot::pid).toList();
    AtomicLong fewest = new AtomicLong(Long.MAX_VALUE);
    AtomicBoolean watching = new AtomicBoolean(true);
    Thread watcher =
        new Thread(
            () -> {
              while (watching.get()) {
                fewest.accumulateAndGet(routing.current().ready().size(), Math::min);
                Thread.onSpinWait();
              }
            });
    watcher.start();

    cut.rollingRestart().get(60, TimeUnit.SECONDS);
    watching.set(false);
    watcher.join();

    FleetSnapshot after = cut.snapshot();
    assertEquals(2, after.readyCount());
    assertEquals(2, after.workers().size());
    after.workers().forEach(w -> assertFalse(before.contains(w.pid()), "replaced: " + w));
    assertEquals(2, fewest.get(), "ready workers never dropped below 2");
    for (long pid : before) {
      awaitTrue(() -> ProcessHandle.of(pid).isEmpty(), "old worker " + pid + " gone");
    }
  }

  @Test
  void r6_aPortTakenBySomethingElseIsAClearErrorNamingThePort() throws Exception {
    Fleet fleet = fleet(SupervisorConfig.SAMPLE_WORKER, 1, Map.of());
    try (ServerSocket squatter =
        new ServerSocket(basePort, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
      fleet.startInitial();
      WorkerSnapshot worker = worker(0);
      assertEquals(WorkerState.FAILED, worker.state());
      assertEquals("port " + basePort + " is already in use by another process", worker.reason());
    }
  }

  @Test
  void r6_workersLeftByACrashedEarlierRunAreKilledAtStart() throws Exception {
    Process leftover = new ProcessBuilder("setsid", "sleep", "100").start();
    awaitTrue(() -> leftover.info().startInstant().isPresent(), "leftover started");
    Path state = dir.resolve("state");
    try (StateDirectory crashedRun = StateDirectory.open(state)) {
      crashedRun.recordRunning("0", leftover.pid());
    }
    Process stranger = new ProcessBuilder("sleep", "100").start();
    try {
      Fleet fleet = fleet(SupervisorConfig.SAMPLE_WORKER, 1, Map.of());
      stateDir.killLeftovers(); // as the supervisor does, once for all apps, before any starts
      fleet.startInitial();

      awaitTrue(() -> !leftover.isAlive(), "leftover worker killed");
      assertTrue(stranger.isAlive(), "a process that was never ours is left alone");
    } finally {
      leftover.destroyForcibly();
      stranger.destroyForcibly();
    }
  }

  @Test
  void r6_twoFleetgatesCannotShareAStateDirectory() throws Exception {
    try (StateDirectory first = StateDirectory.open(dir.resolve("shared"))) {
      IllegalStateException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              IllegalStateException.class, () -> StateDirectory.open(dir.resolve("shared")));
      assertTrue(e.getMessage().contains("in use by another running Fleetgate"));
      assertNotNull(first.path());
    }
  }

  @Test
  void r8_restartGivesTheWorkerANewProcess() throws Exception {
    fleet(SupervisorConfig.SAMPLE_WORKER, 1, Map.of()).startInitial();
    awaitTrue(() -> cut.snapshot().readyCount() == 1, "worker ready");
    long pid = worker(0).pid();

    cut.restart(0).get(30, TimeUnit.SECONDS);

    assertEquals(WorkerState.READY, worker(0).state());
    assertNotEquals(pid, worker(0).pid());
    assertEquals(1, worker(0).restarts());
  }

  @Test
  void r8_aWorkerOverTheMemoryLimitIsRestarted() throws Exception {
    fleet(
            SupervisorConfig.SAMPLE_WORKER,
            1,
            Map.of(
                "fleetgate.workers.memory-limit", "90M",
                "fleetgate.workers.memory-check-interval", "1s",
                "fleetgate.workers.env", "SAMPLE_WORKER_CHAOS=true"))
        .startInitial();
    awaitTrue(() -> cut.snapshot().readyCount() == 1, "worker ready");
    WorkerSnapshot before = worker(0);
    awaitTrue(() -> worker(0).rssBytes() > 0, "memory measured");
    assertTrue(worker(0).rssBytes() < 90L << 20, "starts under the limit: " + worker(0));

    get(before.port(), "/leak?mb=60");

    awaitTrue(
        () -> worker(0).state() == WorkerState.READY && worker(0).pid() != before.pid(),
        "restarted for memory");
    assertEquals(1, worker(0).restarts());
  }

  @Test
  void r1_anyExecutableWorks_aNodeJsAndAPythonWorker() throws Exception {
    Path node =
        script(
            "server.js",
            "require('http').createServer((q, s) => s.end(JSON.stringify("
                + "{worker: process.env.WORKER_ID, pid: process.pid, runtime: 'node'})))"
                + ".listen(+process.env.PORT, process.env.HOST);\n");
    Path pythonScript =
        script(
            "server.py",
            "import http.server, json, os\n"
                + "class H(http.server.BaseHTTPRequestHandler):\n"
                + "    def do_GET(self):\n"
                + "        body = json.dumps({'worker': os.environ['WORKER_ID'], 'runtime': 'python'})\n"
                + "        self.send_response(200); self.end_headers(); self.wfile.write(body.encode())\n"
                + "http.server.HTTPServer((os.environ['HOST'], int(os.environ['PORT'])), H)"
                + ".serve_forever()\n");
    Path either =
        script(
            "either.sh",
            "if [ \"$WORKER_ID\" = 0 ]; then exec node "
                + node
                + "; else exec python3 "
                + pythonScript
                + "; fi\n");
    fleet("sh " + either, 2, Map.of()).startInitial();

    awaitTrue(() -> cut.snapshot().readyCount() == 2, "both workers ready");
    assertTrue(get(basePort, "/").contains("\"runtime\":\"node\""));
    String python = get(basePort + 1, "/");
    assertTrue(python.contains("\"runtime\": \"python\""), python);
    assertTrue(python.contains("\"worker\": \"1\""), python);
  }

  // ---- helpers ------------------------------------------------------------------------------

  WorkerSnapshot worker(int id) {
    return cut.snapshot().workers().stream().filter(w -> w.id() == id).findFirst().orElseThrow();
  }

  long childPid() {
    return cut.recentLog(0).stream()
        .filter(l -> l.text().startsWith("child "))
        .mapToLong(l -> Long.parseLong(l.text().substring(6).trim()))
        .findFirst()
        .orElse(-1);
  }

  static String get(int port, String path) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    return client
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(20);
    }
  }

  /** A base port with {@code count} free ports above it, on loopback. */
  static int freePortRange(int count) throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base;
      try (ServerSocket s = new ServerSocket(0)) {
        base = s.getLocalPort();
      }
      if (base + count >= 65535 - SupervisorConfig.MAX_WORKERS) {
        continue;
      }
      boolean free = true;
      for (int p = base; p < base + count && free; p++) {
        free = ReadinessProbe.portFree("127.0.0.1", p);
      }
      if (free) {
        return base;
      }
    }
    throw new IOException("no free port range");
  }
}
