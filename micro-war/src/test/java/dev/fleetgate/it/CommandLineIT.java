package dev.fleetgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every command of {@code ./fleetgate} against a running server (dev.fleetgate.cli R1–R5,
 * dev.fleetgate.admin.api R1–R6): the launcher script itself, started as a deploy script would, on
 * one Payara Micro with an API token and two sample workers on ports 23620+ (23620–23629). The
 * methods run in order and share the server; each leaves two READY workers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommandLineIT {
  static final String TOKEN = "it-api-token-" + Long.toHexString(System.nanoTime());
  static final Duration COMMAND_LIMIT = Duration.ofSeconds(180);

  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1) // as the command line: no h2c upgrade
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  static MicroProcess server;
  static Path work;
  static final AtomicInteger runs = new AtomicInteger();

  @BeforeAll
  static void startServer() throws IOException {
    work = Path.of(System.getProperty("java.io.tmpdir"), "command-line-it");
    server =
        MicroProcess.start(
            work.resolve("server"),
            Map.of(
                "FLEETGATE_WORKERS_COUNT", "2",
                "FLEETGATE_WORKERS_BASE_PORT", "23620",
                "FLEETGATE_WORKERS_STOP_GRACE", "10s",
                "FLEETGATE_WORKERS_DRAIN_TIMEOUT", "5s",
                // One stdout line per request: output to follow with logs -f.
                "FLEETGATE_WORKERS_ENV", "SAMPLE_WORKER_ACCESS_LOG=true",
                "FLEETGATE_ADMIN_API_TOKEN", TOKEN),
            List.of());
    Http.await(() -> Http.readyWorkers(server.base()) == 2, Duration.ofSeconds(180), "2 ready");
  }

  @AfterAll
  static void stopServer() throws InterruptedException {
    if (server != null) {
      server.close();
    }
  }

  // ---- status ----------------------------------------------------------------------------------

  @Test
  @Order(1)
  void r4_statusPrintsOneRowPerWorkerAndTheReadyCount() {
    Run status = fleetgate("status");

    assertEquals(0, status.exit(), status.toString());
    List<String> lines = status.out().lines().toList();
    assertTrue(lines.get(0).startsWith("ID  STATE  "), status.out());
    assertTrue(lines.get(1).matches("0 +READY +\\d+ +23620 .*"), status.out());
    assertTrue(lines.get(2).matches("1 +READY +\\d+ +23621 .*"), status.out());
    assertEquals("2 of 2 ready", lines.get(3), status.out());
  }

  @Test
  @Order(2)
  void r5_api_r2_statusJsonIsTheDocumentedDocument() {
    Run status = fleetgate("status", "--json");

    assertEquals(0, status.exit(), status.toString());
    JsonObject fleet = json(status.out());
    assertEquals(2, fleet.getInt("desired"));
    assertEquals(2, fleet.getInt("ready"));
    assertEquals(2, fleet.getJsonArray("workers").size());
    for (int id = 0; id < 2; id++) {
      JsonObject worker = fleet.getJsonArray("workers").getJsonObject(id);
      assertEquals(
          Set.of(
              "id",
              "app",
              "name",
              "state",
              "stateSince",
              "pid",
              "port",
              "uptimeSeconds",
              "restarts",
              "inFlight",
              "requests",
              "errors",
              "memoryBytes",
              "cpuPercent",
              "lastExit",
              "reason"),
          worker.keySet());
      assertEquals(id, worker.getInt("id"));
      assertEquals("READY", worker.getString("state"));
      assertEquals(23620 + id, worker.getInt("port"));
      assertTrue(worker.getJsonNumber("pid").longValue() > 0, worker.toString());
      assertEquals(JsonValue.NULL, worker.get("reason"));
    }
  }

  // ---- who may -----------------------------------------------------------------------------

  @Test
  @Order(3)
  void r3_api_r1_withoutOrWithAWrongTokenExitsFour() throws Exception {
    Run none = fleetgateWithoutToken("status");
    assertEquals(4, none.exit(), none.toString());
    assertTrue(
        none.err().contains("no API token") || none.err().contains("unauthorized"), none.err());

    Run wrong = fleetgate("restart", "0", "--token", "wrong-token-0123456789");
    assertEquals(4, wrong.exit(), wrong.toString());
    assertEquals("fleetgate: unauthorized: The API token is wrong.\n", wrong.err());

    HttpResponse<String> stranger = send("GET", "/admin/api/status", null, Map.of());
    assertEquals(401, stranger.statusCode(), stranger.body());
    assertEquals(
        "Bearer realm=\"fleetgate\"", stranger.headers().firstValue("WWW-Authenticate").orElse(""));
    assertFalse(json(stranger.body()).getBoolean("ok"));
    assertFalse(stranger.body().contains("READY"), stranger.body());

    // A browser's POST carries the console's cookie, never the token: refused, nothing happens.
    HttpResponse<String> cookieOnly =
        send(
            "POST",
            "/admin/api/workers/0/stop",
            "",
            Map.of("Cookie", "FLEETGATE_CONSOLE=made-up", "Origin", "http://evil.example"));
    assertEquals(401, cookieOnly.statusCode(), cookieOnly.body());
    assertEquals("READY", worker(0).getString("state"));
  }

  @Test
  @Order(4)
  void api_r5_r6_unknownApiPathsAnswerJsonAndNeverReachTheProxy() throws Exception {
    HttpResponse<String> unknown = send("GET", "/admin/api/nothing-here", null, bearer());
    assertEquals(404, unknown.statusCode(), unknown.body());
    assertTrue(
        unknown.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    assertFalse(json(unknown.body()).getBoolean("ok"));
    assertFalse(unknown.body().contains("\"worker\""), "a worker answered: " + unknown.body());

    HttpResponse<String> wrongMethod = send("GET", "/admin/api/workers/0/restart", null, bearer());
    assertEquals(405, wrongMethod.statusCode(), wrongMethod.body());
    assertFalse(json(wrongMethod.body()).getBoolean("ok"));

    HttpResponse<String> badCount =
        send("POST", "/admin/api/scale", "{\"count\": \"many\"}", bearer());
    assertEquals(400, badCount.statusCode(), badCount.body());
    assertEquals(
        "count must be a whole number of workers, not \"many\"",
        json(badCount.body()).getString("message"));

    // The JDK client's default asks for h2c, whose body Payara would withhold: refused at once.
    HttpResponse<String> h2c =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.base() + "/admin/api/scale"))
                    .timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"count\": 2}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(400, h2c.statusCode(), h2c.body());
    assertTrue(json(h2c.body()).getString("message").contains("HTTP/1.1"), h2c.body());
  }

  // ---- operations on one worker -----------------------------------------------------------------

  @Test
  @Order(5)
  void r3_restartReplacesTheWorkerAndIsAudited() {
    long before = pid(1);

    Run restart = fleetgate("restart", "1");

    assertEquals(0, restart.exit(), restart.toString());
    assertEquals("Restarted worker 1\n", restart.out());
    assertEquals("READY", worker(1).getString("state"));
    assertTrue(pid(1) != before, "a new process");
    server.awaitLog("user=api-token action=restart worker=1 result=ok", Duration.ofSeconds(10));
  }

  @Test
  @Order(6)
  void r3_anUnknownWorkerExitsOneWithTheServersReason() {
    Run restart = fleetgate("restart", "9");
    assertEquals(1, restart.exit(), restart.toString());
    assertEquals("fleetgate: restart worker 9 refused: no worker 9\n", restart.err());

    Run json = fleetgate("stop", "9", "--json");
    assertEquals(1, json.exit(), json.toString());
    assertEquals("stop worker 9 refused: no worker 9", json(json.out()).getString("message"));

    Run logs = fleetgate("logs", "9");
    assertEquals(1, logs.exit(), logs.toString());
    assertEquals("fleetgate: no worker 9\n", logs.err());

    Run usage = fleetgate("restart", "nine");
    assertEquals(2, usage.exit(), usage.toString());
  }

  @Test
  @Order(7)
  void r3_stopThenStart() {
    Run stop = fleetgate("stop", "1");
    assertEquals(0, stop.exit(), stop.toString());
    assertEquals("Stopped worker 1\n", stop.out());
    assertEquals("STOPPED", worker(1).getString("state"));
    assertEquals(JsonValue.NULL, worker(1).get("pid"));

    Run start = fleetgate("start", "1");
    assertEquals(0, start.exit(), start.toString());
    assertEquals("Started worker 1\n", start.out());
    assertEquals("READY", worker(1).getString("state"));
  }

  /**
   * A worker on its way down cannot be started (supervisor R8.1): the API says 409 and the command
   * line exits 1. Slow requests in flight keep worker 1 STOPPING for a while: the sample worker
   * lets them finish before it exits.
   */
  @Test
  @Order(8)
  void r3_api_r3_startingAStoppingWorkerIsRefused() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
    for (int i = 0; i < 4; i++) { // round-robin: two on each worker
      slow.add(
          HTTP.sendAsync(
              HttpRequest.newBuilder(URI.create(server.base() + "/delay?ms=4000")).build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    Http.await(
        () -> worker(1).getInt("inFlight") > 0, Duration.ofSeconds(10), "a slow request on 1");
    Background stop = fleetgateInBackground("stop", "1");
    try {
      Http.await(
          () -> "STOPPING".equals(worker(1).getString("state")),
          Duration.ofSeconds(10),
          "worker 1 STOPPING");

      Run start = fleetgate("start", "1");
      assertEquals(1, start.exit(), start.toString());
      assertEquals(
          "fleetgate: start worker 1 refused: worker 1 is STOPPING: start it once it has stopped\n",
          start.err());
      HttpResponse<String> api = send("POST", "/admin/api/workers/1/start", "", bearer());
      assertEquals(409, api.statusCode(), api.body());

      assertEquals(0, stop.await().exit(), stop.toString());
    } finally {
      stop.kill();
      slow.forEach(request -> request.cancel(true));
    }
    Run start = fleetgate("start", "1");
    assertEquals(0, start.exit(), start.toString());
  }

  @Test
  @Order(9)
  void r3_drainStopsTheWorkerOnceItsRequestsAreDone() {
    Run drain = fleetgate("drain", "0");

    assertEquals(0, drain.exit(), drain.toString());
    assertEquals("Drained and stopped worker 0\n", drain.out());
    assertEquals("STOPPED", worker(0).getString("state"));

    assertEquals(0, fleetgate("start", "0").exit());
    assertEquals("READY", worker(0).getString("state"));
  }

  // ---- the fleet -------------------------------------------------------------------------------

  @Test
  @Order(10)
  void r3_r4_scaleToThreeThenTwoAndAFollowedWorkerThatGoesEndsItsStream() throws Exception {
    Run up = fleetgate("scale", "3");
    assertEquals(0, up.exit(), up.toString());
    assertEquals("Scaled to 3 workers\n", up.out());
    JsonObject three = status();
    assertEquals(3, three.getInt("desired"));
    assertEquals(3, three.getInt("ready"));

    Background follower = fleetgateInBackground("logs", "-f", "2");
    try {
      Http.await(
          () -> follower.out().contains("2|out | sample-worker 2 listening on"),
          Duration.ofSeconds(30),
          "worker 2's first lines: " + follower);

      Run down = fleetgate("scale", "2");
      assertEquals(0, down.exit(), down.toString());
      assertEquals(2, status().getJsonArray("workers").size());
      assertEquals(2, status().getInt("ready"));

      Run ended = follower.await();
      assertEquals(0, ended.exit(), ended.toString());
      assertTrue(ended.err().contains("worker 2 is gone"), ended.err());
    } finally {
      follower.kill();
    }

    Run tooMany = fleetgate("scale", "999");
    assertEquals(1, tooMany.exit(), tooMany.toString());
    assertTrue(tooMany.err().contains("999"), tooMany.err());
    assertEquals(2, status().getInt("desired"));
  }

  @Test
  @Order(11)
  void r3_rollingRestartReplacesEveryWorker() {
    List<Long> before = pids();

    Run rolling = fleetgate("rolling-restart");

    assertEquals(0, rolling.exit(), rolling.toString());
    assertEquals("Restarted every worker, one after the other\n", rolling.out());
    JsonObject after = status();
    assertEquals(2, after.getInt("ready"));
    for (long pid : pids()) {
      assertFalse(before.contains(pid), "pid " + pid + " survived the rolling restart");
    }
  }

  // ---- logs ------------------------------------------------------------------------------------

  @Test
  @Order(12)
  void r4_r5_logsPrintTheLastLinesOfAllOrOneWorker() {
    Run all = fleetgate("logs", "-n", "50");
    assertEquals(0, all.exit(), all.toString());
    assertTrue(all.out().contains("|out | sample-worker "), all.out());
    assertTrue(all.out().contains("|err | sample-worker "), all.out());

    int id = status().getJsonArray("workers").getJsonObject(0).getInt("id");
    Run one = fleetgate("logs", Integer.toString(id), "-n", "1");
    assertEquals(0, one.exit(), one.toString());
    assertEquals(1, one.out().lines().count(), one.out());
    assertTrue(one.out().startsWith(id + "|"), one.out());

    Run json = fleetgate("logs", "--json", "-n", "3");
    assertEquals(0, json.exit(), json.toString());
    var lines = json(json.out()).getJsonArray("lines");
    assertEquals(3, lines.size(), json.out());
    JsonObject line = lines.getJsonObject(0);
    assertEquals(Set.of("worker", "app", "name", "number", "at", "stream", "text"), line.keySet());
  }

  @Test
  @Order(13)
  void r4_logsFollowPrintsNewLinesAsTheyCome() throws Exception {
    Background follower = fleetgateInBackground("logs", "-f", "-n", "0");
    try {
      String marker = "/follow-marker-" + System.nanoTime();
      // Until the stream is open a request's line is not new to it: ask until one arrives.
      Http.await(
          () -> {
            Http.status(server.base(), marker);
            return follower.out().contains(marker);
          },
          Duration.ofSeconds(30),
          "the follower printing " + marker + ": " + follower);
      assertTrue(
          follower
              .out()
              .lines()
              .anyMatch(l -> l.matches("\\d+\\|out \\| GET " + marker + " 200 .*")),
          follower.out());
      assertTrue(follower.alive(), "still following");
    } finally {
      follower.kill();
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** What one run of the launcher printed and how it ended. */
  record Run(int exit, String out, String err) {}

  /** A run of the launcher in the background, its output in files the test reads as it grows. */
  record Background(Process process, Path outFile, Path errFile) {
    String out() {
      return read(outFile);
    }

    boolean alive() {
      return process.isAlive();
    }

    Run await() throws InterruptedException {
      if (!process.waitFor(COMMAND_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        throw new AssertionError("still running: " + this);
      }
      return new Run(process.exitValue(), read(outFile), read(errFile));
    }

    void kill() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }

    @Override
    public String toString() {
      return "stdout: " + read(outFile) + "\nstderr: " + read(errFile);
    }
  }

  static Run fleetgate(String... args) {
    return run(true, args);
  }

  static Run fleetgateWithoutToken(String... args) {
    return run(false, args);
  }

  static Run run(boolean withToken, String... args) {
    try {
      Background background = launch(withToken, args);
      try {
        return background.await();
      } finally {
        background.kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Background fleetgateInBackground(String... args) throws IOException {
    return launch(true, args);
  }

  /**
   * {@code ./fleetgate <args>} as a deploy script runs it: the server's URL and the token in the
   * environment, none of the test's own {@code FLEETGATE_*} variables.
   */
  static Background launch(boolean withToken, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("it.launcher"));
    command.addAll(List.of(args));
    int n = runs.incrementAndGet();
    Path out = work.resolve("run-" + n + ".out");
    Path err = work.resolve("run-" + n + ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("FLEETGATE_"));
    env.put("FLEETGATE_URL", server.base());
    if (withToken) {
      env.put("FLEETGATE_API_TOKEN", TOKEN);
    }
    return new Background(builder.start(), out, err);
  }

  static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  static Map<String, String> bearer() {
    return Map.of("Authorization", "Bearer " + TOKEN);
  }

  static HttpResponse<String> send(
      String method, String path, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.base() + path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    new HashMap<>(headers).forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The status document, read from the API directly. */
  static JsonObject status() {
    try {
      HttpResponse<String> status = send("GET", "/admin/api/status", null, bearer());
      assertEquals(200, status.statusCode(), status.body());
      return json(status.body());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static JsonObject worker(int id) {
    return status().getJsonArray("workers").stream()
        .map(JsonValue::asJsonObject)
        .filter(w -> w.getInt("id") == id)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no worker " + id + " in " + status()));
  }

  static long pid(int id) {
    return worker(id).getJsonNumber("pid").longValue();
  }

  static List<Long> pids() {
    return status().getJsonArray("workers").stream()
        .map(w -> w.asJsonObject().getJsonNumber("pid").longValue())
        .toList();
  }
}
