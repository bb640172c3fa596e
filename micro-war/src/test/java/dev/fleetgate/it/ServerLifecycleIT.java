package dev.fleetgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fleetgate's server as a whole process, started like {@code ./fleetgate run}: cold start, a
 * SIGKILLed server leaving no workers, ending at once when it cannot start (bad configuration, a
 * failed deployment), and no ready worker at all.
 */
class ServerLifecycleIT {
  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void r6_whenTheServerIsKilledWithSigkillNoWorkerSurvivesFiveSeconds() throws Exception {
    try (MicroProcess server =
        MicroProcess.start(
            dir.resolve("sigkill"),
            Map.of("FLEETGATE_WORKERS_COUNT", "2", "FLEETGATE_WORKERS_BASE_PORT", "23200"),
            List.of())) {
      Http.await(
          () -> Http.readyWorkers(server.base()) == 2,
          Duration.ofSeconds(180),
          "both workers ready");
      System.out.printf(
          "FIGURE cold start of Payara Micro to 2 workers ready: %d ms%n",
          server.millisSinceStart());
      List<Long> pids =
          Http.workers(Http.details(server.base())).values().stream()
              .map(Http.WorkerInfo::pid)
              .toList();
      assertEquals(2, pids.size());
      pids.forEach(pid -> assertTrue(ProcessHandle.of(pid).isPresent()));

      server.killHard();
      long killed = System.nanoTime();

      for (long pid : pids) {
        Http.await(
            () -> ProcessHandle.of(pid).isEmpty(),
            Duration.ofSeconds(5),
            "worker " + pid + " gone");
      }
      System.out.printf(
          "FIGURE server SIGKILL to every worker gone: %d ms%n",
          (System.nanoTime() - killed) / 1_000_000);
    }
  }

  /**
   * Issue 12: the guards share the server's process group; a signal to the whole group must not
   * kill them before the server asks them to stop its workers.
   */
  @ParameterizedTest
  @ValueSource(strings = {"TERM", "INT"})
  void r6_aSignalToTheServersWholeProcessGroupLeavesNoWorkerBehind(String signal) throws Exception {
    try (MicroProcess server =
        MicroProcess.startAsGroupLeader(
            dir.resolve("group-" + signal),
            Map.of("FLEETGATE_WORKERS_COUNT", "2", "FLEETGATE_WORKERS_BASE_PORT", "23202"))) {
      List<Long> pids = bothWorkersReady(server);
      assertEquals(2, pids.size());

      server.signalGroup(signal);

      for (long pid : pids) {
        Http.await(
            () -> ProcessHandle.of(pid).isEmpty(),
            Duration.ofSeconds(15),
            "worker " + pid + " gone after SIG" + signal + " to the server's group");
      }
      assertTrue(server.process.waitFor(30, TimeUnit.SECONDS), "the server exited");
    }
  }

  /** dev.fleetgate.supervisor.shutdown R1: SIGTERM drains the requests in flight, then exits 0. */
  @Test
  void r1_sigtermLetsTheRequestsInFlightFinishThenStopsTheWorkersAndExitsWithZero()
      throws Exception {
    try (MicroProcess server =
        MicroProcess.start(
            dir.resolve("sigterm-drain"),
            Map.of("FLEETGATE_WORKERS_COUNT", "2", "FLEETGATE_WORKERS_BASE_PORT", "23206"),
            List.of())) {
      List<Long> pids = bothWorkersReady(server);
      java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
      List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> slow =
          new java.util.ArrayList<>();
      for (int i = 0; i < 20; i++) {
        slow.add(
            client.sendAsync(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.base() + "/delay?ms=4000&i=" + i))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      Http.await(
          () -> Http.inFlight(server.base()) >= 20,
          Duration.ofSeconds(30),
          "20 slow requests in flight");

      server.process.destroy(); // SIGTERM

      for (var answer : slow) {
        assertEquals(200, answer.get(30, TimeUnit.SECONDS).statusCode(), "each slow one answered");
      }
      assertTrue(server.process.waitFor(60, TimeUnit.SECONDS), "the server exited");
      assertEquals(0, server.process.exitValue(), "a clean exit for the service manager");
      for (long pid : pids) {
        assertTrue(ProcessHandle.of(pid).isEmpty(), "worker " + pid + " stopped");
      }
      assertTrue(server.log().contains("Fleetgate drained"), "the drain is logged");
    }
  }

  /** Waits until both workers are ready; their pids. */
  private static List<Long> bothWorkersReady(MicroProcess server) {
    Http.await(
        () -> Http.readyWorkers(server.base()) == 2, Duration.ofSeconds(180), "both workers ready");
    return Http.workers(Http.details(server.base())).values().stream()
        .map(Http.WorkerInfo::pid)
        .toList();
  }

  /** Issue 12: a server that cannot start must end, so that a process manager sees it. */
  @Test
  void anInvalidSettingEndsTheServerWithAMessageNamingTheKeyAndValue() throws Exception {
    try (MicroProcess server =
        MicroProcess.start(
            dir.resolve("invalid"),
            Map.of("FLEETGATE_WORKERS_COUNT", "-3", "FLEETGATE_PROXY_BALANCE", "random"),
            List.of())) {
      server.awaitLog("fleetgate.workers.count", Duration.ofSeconds(180));
      long seen = System.nanoTime();

      assertTrue(server.process.waitFor(30, TimeUnit.SECONDS), "the server ended");
      System.out.printf(
          "FIGURE invalid setting in the log to the server's exit: %d ms%n",
          (System.nanoTime() - seen) / 1_000_000);
      assertEquals(1, server.process.exitValue(), "a failure's exit status");
      String log = server.log();
      assertTrue(
          log.contains("Invalid configuration fleetgate.workers.count='-3' (environment)"),
          "log names key, value and source");
      assertTrue(
          log.contains("Invalid configuration fleetgate.proxy.balance='random' (environment)"),
          "and every other problem");
      assertFalse(log.contains("Fleetgate starting"), "no worker was started");
    }
  }

  /** Issue 12: any failed deployment, not only a bad setting, ends the server. */
  @Test
  void aDeploymentThatFailsAfterTheCheckEndsTheServerToo() throws Exception {
    try (MicroProcess server =
        MicroProcess.start(
            dir.resolve("unusable-state-dir"),
            Map.of("FLEETGATE_WORKERS_BASE_PORT", "23212"),
            // A valid path where no directory can be made: the supervisor fails at its start.
            List.of("-Dfleetgate.state-dir=/proc/fleetgate-state"))) {
      server.awaitLog("Fleetgate cannot start", Duration.ofSeconds(180));

      assertTrue(server.process.waitFor(30, TimeUnit.SECONDS), "the server ended");
      assertEquals(1, server.process.exitValue(), "a failure's exit status");
      assertTrue(server.log().contains("its deployment failed"), "says why it ends");
    }
  }

  @Test
  void withNoReadyWorkerTheProxyAnswers502AndHealthShowsTheFailedWorker() throws Exception {
    try (MicroProcess server =
        MicroProcess.start(
            dir.resolve("crashloop"),
            Map.of(
                "FLEETGATE_WORKERS_COUNT", "1",
                "FLEETGATE_WORKERS_BASE_PORT", "23210",
                "FLEETGATE_WORKERS_COMMAND", "sh -c 'echo boom >&2; exit 7'",
                "FLEETGATE_WORKERS_MAX_FAILED_STARTS", "3"),
            List.of())) {
      Http.await(
          () -> Http.details(server.base()).contains("state=\"FAILED\"} 1"),
          Duration.ofSeconds(180),
          "worker FAILED");
      assertEquals(503, Http.status(server.base(), "/health/ready"));
      String details = Http.details(server.base());
      assertTrue(details.contains("3 failed starts"), details);
      assertTrue(details.contains("exit code 7"), details);
      assertEquals(
          200, Http.status(server.base(), "/health/live"), "a failed worker is not a dead server");

      HttpResponse<String> proxied = Http.get(server.base(), "/anything");
      assertEquals(502, proxied.statusCode());
      assertFalse(proxied.body().isBlank());
      assertTrue(proxied.body().length() < 200, "a short body: " + proxied.body());
    }
  }
}
