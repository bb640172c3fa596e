package dev.fleetgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chaos on a real Payara Micro, each scenario bounded in time.
 *
 * <ul>
 *   <li>C1 Under steady GET load (4 clients), a random ready worker is {@code kill -9}ed every
 *       second for 30 s: not one GET fails.
 *   <li>C2 Among healthy workers, one that accepts connections and never answers, one that answers
 *       only the supervisor's readiness probe and hangs every proxied request, and one that
 *       crash-loops: GETs keep succeeding (zero failures; the proxy's response timeout and retry
 *       route around the wedged one); {@code /admin/metrics} reports every worker's state with the
 *       reason; the console lists the failed ones.
 *   <li>C3 A rolling restart pressed in the console under GET and POST load replaces every worker
 *       and fails no request.
 * </ul>
 *
 * The server JVM killed with {@code kill -9} leaving no worker 5 s later is {@link
 * ServerLifecycleIT}'s first test.
 */
class ChaosIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** C1. */
  @Test
  void zeroFailedGetsWhileARandomWorkerIsKilledEverySecondFor30Seconds() throws Exception {
    try (MicroProcess server =
        MicroProcess.start(
            dir.resolve("kill-every-second"),
            Map.of(
                "FLEETGATE_WORKERS_COUNT", "3",
                "FLEETGATE_WORKERS_BASE_PORT", "23520",
                // The test is about the proxy, not the crash-loop guard: a worker killed every few
                // seconds must come back each time, quickly.
                "FLEETGATE_WORKERS_MAX_FAILED_STARTS", "10000",
                "FLEETGATE_WORKERS_BACKOFF_MAX", "500ms"),
            List.of())) {
      Http.await(
          () -> Http.readyWorkers(server.base()) == 3,
          Duration.ofSeconds(180),
          "three workers ready");
      Load load = Load.start(server.base(), 4, i -> "/chaos?i=" + i);
      int kills = 0;
      long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      try {
        while (System.nanoTime() < end) {
          long next = System.nanoTime() + Duration.ofSeconds(1).toNanos();
          List<Http.WorkerInfo> ready =
              Http.workers(Http.details(server.base())).values().stream()
                  .filter(w -> "READY".equals(w.state()) && w.pid() > 0)
                  .toList();
          if (!ready.isEmpty()) {
            Http.WorkerInfo victim = ready.get(ThreadLocalRandom.current().nextInt(ready.size()));
            if (ProcessHandle.of(victim.pid()).map(ProcessHandle::destroyForcibly).orElse(false)) {
              kills++;
            }
          }
          long wait = next - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait); // the pace of the chaos, not a wait for a result
          }
        }
      } finally {
        load.stop();
      }
      System.out.printf(
          "FIGURE GETs while a random worker of 3 is killed every second for 30 s: %d requests,"
              + " %d kills, %d failed%n",
          load.requests.get(), kills, load.failures.size());
      assertTrue(kills >= 25, "a worker killed about every second: " + kills);
      assertTrue(load.requests.get() > 300, "steady load: " + load.requests.get());
      assertEquals(List.of(), List.copyOf(load.failures), "failed GETs");
    }
  }

  /** C2. */
  /**
   * C3: a rolling restart pressed in the console while GETs and POSTs keep coming: every worker is
   * replaced, and not one request fails (PM2's reload drops requests: #3407, #2729, #5043).
   */
  @Test
  void aRollingRestartUnderGetAndPostLoadFailsNoRequest() throws Exception {
    String password = "chaos-" + UUID.randomUUID();
    try (MicroProcess server =
        MicroProcess.start(
            dir.resolve("rolling-restart"),
            Map.of(
                "FLEETGATE_WORKERS_COUNT", "2",
                "FLEETGATE_WORKERS_BASE_PORT", "23560",
                "FLEETGATE_WORKERS_DRAIN_TIMEOUT", "10s",
                "FLEETGATE_ADMIN_PASSWORD", password),
            List.of())) {
      Http.await(() -> Http.readyWorkers(server.base()) == 2, Duration.ofSeconds(180), "two ready");
      Set<Long> before = pids(server);
      ConsoleSession console = signIn(server, password);
      Load gets = Load.start(server.base(), 2, i -> "/rolling?i=" + i);
      Load posts = Load.posts(server.base(), 2);
      String result;
      try {
        result = pressRollingRestart(server, console);
      } finally {
        gets.stop();
        posts.stop();
      }
      Set<Long> after = pids(server);
      System.out.printf(
          "FIGURE rolling restart of 2 workers under load: %d GETs, %d POSTs, %d failed%n",
          gets.requests.get(), posts.requests.get(), gets.failures.size() + posts.failures.size());
      assertTrue(
          result.contains("Restarted every worker"), "the console says it is done: " + result);
      assertEquals(2, after.size(), "two workers again: " + after);
      assertTrue(Collections.disjoint(before, after), "every worker replaced: " + before + after);
      assertTrue(gets.requests.get() > 50 && posts.requests.get() > 50, "steady load");
      assertEquals(List.of(), List.copyOf(gets.failures), "failed GETs");
      assertEquals(List.of(), List.copyOf(posts.failures), "failed POSTs");
    }
  }

  static Set<Long> pids(MicroProcess server) {
    return Http.workers(Http.details(server.base())).values().stream()
        .filter(w -> "READY".equals(w.state()))
        .map(Http.WorkerInfo::pid)
        .collect(java.util.stream.Collectors.toSet());
  }

  @Test
  void hangingAndCrashLoopingWorkersAreReportedWhileTheRestKeepServing() throws Exception {
    Path scripts = Files.createDirectories(dir.resolve("scripts"));
    Files.writeString(scripts.resolve("hang.py"), HANG_PY);
    Files.writeString(scripts.resolve("worker.sh"), WORKER_SH);
    String password = System.getProperty("it.admin-password");
    try (MicroProcess server =
        MicroProcess.start(
            dir.resolve("hang-and-crash"),
            Map.of(
                "FLEETGATE_WORKERS_COUNT", "5",
                "FLEETGATE_WORKERS_BASE_PORT", "23540",
                "FLEETGATE_WORKERS_COMMAND",
                    "sh " + scripts.resolve("worker.sh") + " builtin:sample-worker",
                "FLEETGATE_WORKERS_READY_PATH", "/health",
                // Room for a JVM or python3 (a pyenv shim here) to start on a loaded 2-core
                // machine.
                "FLEETGATE_WORKERS_START_TIMEOUT", "6s",
                "FLEETGATE_WORKERS_MAX_FAILED_STARTS", "3",
                "FLEETGATE_PROXY_RESPONSE_TIMEOUT", "2s",
                "FLEETGATE_ADMIN_PASSWORD", password),
            List.of())) {
      Http.await(
          () -> Http.readyWorkers(server.base()) == 3,
          Duration.ofSeconds(180),
          "workers 0, 1 and the half-hanging 3 ready");

      Load load = Load.start(server.base(), 2, i -> "/while-hanging?i=" + i);
      try {
        Http.await(
            () -> {
              Map<Integer, Http.WorkerInfo> w = Http.workers(Http.details(server.base()));
              return w.size() == 5
                  && "FAILED".equals(w.get(2).state())
                  && "FAILED".equals(w.get(4).state());
            },
            Duration.ofSeconds(90),
            "the hanging worker 2 and the crash-looping worker 4 FAILED");
        Http.await(() -> load.requests.get() >= 40, Duration.ofSeconds(60), "40 GETs under chaos");
      } finally {
        load.stop();
      }
      System.out.printf(
          "FIGURE GETs beside a hanging, a half-hanging and a crash-looping worker: %d, failed"
              + " %d%n",
          load.requests.get(), load.failures.size());
      assertEquals(List.of(), List.copyOf(load.failures), "failed GETs");

      String details = Http.details(server.base());
      Map<Integer, Http.WorkerInfo> workers = Http.workers(details);
      assertEquals("READY", workers.get(0).state(), details);
      assertEquals("READY", workers.get(1).state(), details);
      assertEquals("READY", workers.get(3).state(), "its probe passes: " + details);
      assertTrue(details.contains("not ready within 6000 ms"), "why 2 failed: " + details);
      assertTrue(details.contains("exit code 3"), "why 4 failed: " + details);
      assertEquals(200, Http.status(server.base(), "/health/live"), "failed workers: still live");

      String console = signedInConsole(server, password);
      assertTrue(console.contains(">FAILED<"), "the console shows FAILED workers: " + console);
      assertTrue(console.contains("not ready within 6000 ms"), "and why: " + console);
      assertTrue(console.contains("exit code 3"), "and why: " + console);
    }
  }

  /** Worker 2 never answers, worker 3 answers only the readiness probe, worker 4 exits at once. */
  static final String WORKER_SH =
      """
      case "$WORKER_ID" in
        2) exec python3 "$(dirname "$0")/hang.py" everything ;;
        3) exec python3 "$(dirname "$0")/hang.py" all-but-readiness ;;
        4) echo "worker 4 cannot start" >&2; exit 3 ;;
        *) exec "$@" ;;
      esac
      """;

  static final String HANG_PY =
      """
      import os, socket, sys
      mode = sys.argv[1]
      server = socket.socket()
      server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
      server.bind((os.environ.get("HOST", "127.0.0.1"), int(os.environ["PORT"])))
      server.listen(128)
      held = []
      while True:
          conn, _ = server.accept()
          if mode == "all-but-readiness":
              conn.settimeout(2)
              head = b""
              try:
                  while b"\\r\\n\\r\\n" not in head:
                      more = conn.recv(4096)
                      if not more:
                          break
                      head += more
              except OSError:
                  pass
              if b"fleetgate-readiness" in head:
                  conn.sendall(b"HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\nConnection: close\\r\\n\\r\\nok")
                  conn.close()
                  continue
          held.append(conn)  # accepted, never answered
      """;

  /** Signs in to the console as a browser would and returns the overview page. */
  static String signedInConsole(MicroProcess server, String password) throws Exception {
    return signIn(server, password).overview();
  }

  /** A signed-in console session: its cookie-keeping client and the overview it was shown. */
  record ConsoleSession(HttpClient browser, String overview) {}

  static ConsoleSession signIn(MicroProcess server, String password) throws Exception {
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    URI base = URI.create(server.base() + "/");
    HttpResponse<String> loginPage =
        browser.send(
            HttpRequest.newBuilder(base.resolve("/admin/login.xhtml")).build(),
            HttpResponse.BodyHandlers.ofString());
    HtmlForm form =
        HtmlForm.find(loginPage.body(), "login")
            .orElseThrow(() -> new AssertionError("no login form: " + loginPage.body()));
    form.with(field(form, "text"), "admin")
        .with(field(form, "password"), password)
        .with(field(form, "submit"), "");
    HttpResponse<String> signedIn =
        browser.send(
            HttpRequest.newBuilder(base.resolve(form.action()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.encoded()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(302, signedIn.statusCode(), "signed in: " + signedIn.body());
    HttpResponse<String> overview =
        browser.send(
            HttpRequest.newBuilder(base.resolve("/admin/index.xhtml")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, overview.statusCode(), overview.body());
    return new ConsoleSession(browser, overview.body());
  }

  /**
   * Presses the overview's "Rolling restart" as the page's script does (a Faces AJAX post with the
   * form's view state; the confirmation dialog is the browser's side only) and returns the partial
   * response once the rolling restart is done.
   */
  static String pressRollingRestart(MicroProcess server, ConsoleSession console) throws Exception {
    HtmlForm form =
        HtmlForm.find(console.overview(), "fleet")
            .orElseThrow(() -> new AssertionError("no fleet form: " + console.overview()));
    form.with("jakarta.faces.partial.ajax", "true")
        .with("jakarta.faces.source", "fleet:rolling-restart")
        .with("jakarta.faces.partial.execute", "fleet:rolling-restart")
        .with("jakarta.faces.partial.render", "fleet:result fleet:workers")
        .with("fleet:rolling-restart", "fleet:rolling-restart");
    HttpResponse<String> done =
        console
            .browser()
            .send(
                HttpRequest.newBuilder(URI.create(server.base() + "/").resolve(form.action()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Faces-Request", "partial/ajax")
                    .timeout(Duration.ofSeconds(180))
                    .POST(HttpRequest.BodyPublishers.ofString(form.encoded()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, done.statusCode(), done.body());
    return done.body();
  }

  private static String field(HtmlForm form, String type) {
    return form.nameOfType(type)
        .orElseThrow(() -> new AssertionError("no " + type + " field in the login form"));
  }

  /** Clients sending GETs back to back until stopped; every answer but a 200 is a failure. */
  static final class Load {
    final AtomicInteger requests = new AtomicInteger();
    final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService clients;
    private final List<Future<?>> loops = new ArrayList<>();

    private Load(int clients) {
      this.clients = Executors.newFixedThreadPool(clients);
    }

    static Load start(String base, int clients, java.util.function.IntFunction<String> path) {
      return start(
          clients,
          i -> HttpRequest.newBuilder(URI.create(base + path.apply(i))),
          (i, body) -> true);
    }

    /** POSTs of a numbered body to {@code /echo}; the worker must echo exactly that body back. */
    static Load posts(String base, int clients) {
      return start(
          clients,
          i ->
              HttpRequest.newBuilder(URI.create(base + "/echo?i=" + i))
                  .POST(HttpRequest.BodyPublishers.ofString("post " + i)),
          (i, body) -> body.equals("post " + i));
    }

    static Load start(
        int clients,
        java.util.function.IntFunction<HttpRequest.Builder> request,
        java.util.function.BiPredicate<Integer, String> bodyIsRight) {
      Load load = new Load(clients);
      for (int c = 0; c < clients; c++) {
        load.loops.add(
            load.clients.submit(
                () -> {
                  while (load.running.get()) {
                    int i = load.requests.incrementAndGet();
                    HttpRequest built = request.apply(i).timeout(Duration.ofSeconds(20)).build();
                    String target = built.method() + " " + built.uri().getRawPath() + " " + i;
                    try {
                      HttpResponse<String> response =
                          CLIENT.send(built, HttpResponse.BodyHandlers.ofString());
                      if (response.statusCode() != 200 || !bodyIsRight.test(i, response.body())) {
                        load.failures.add(
                            target + " " + response.statusCode() + " " + response.body());
                      }
                    } catch (Exception e) {
                      load.failures.add(target + " " + e);
                    }
                  }
                }));
      }
      return load;
    }

    void stop() throws Exception {
      running.set(false);
      clients.shutdown();
      assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS), "load clients stopped");
      for (Future<?> loop : loops) {
        loop.get();
      }
    }
  }
}
