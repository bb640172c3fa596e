package dev.fleetgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Several apps behind one gateway (issue 14; dev.fleetgate.proxy R20, the supervisor's apps): two
 * apps of sample workers, {@code web} at {@code /} and {@code api} at {@code /api/} (stripped) and
 * on the host {@code api.example.test}, then a third added by a reload. One server for all methods,
 * in order. Worker ports 23680–23699.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AppsIT {
  static final String TOKEN = "it-apps-token-" + Long.toHexString(System.nanoTime());
  static final String APPS =
      """
      fleetgate.admin.api-token=%s
      fleetgate.admin.password=%s
      fleetgate.apps=web,api
      fleetgate.apps.web.count=2
      fleetgate.apps.web.base-port=23680
      fleetgate.apps.web.paths=/
      fleetgate.apps.api.count=2
      fleetgate.apps.api.base-port=23690
      fleetgate.apps.api.paths=/api/
      fleetgate.apps.api.strip-path=true
      fleetgate.apps.api.hosts=api.example.test
      fleetgate.apps.api.env=SAMPLE_WORKER_CHAOS=true
      fleetgate.apps.api.backoff.initial=100ms
      """
          .formatted(TOKEN, "apps-it-" + TOKEN);

  static Path dir;
  static Path configFile;
  static MicroProcess server;

  @BeforeAll
  static void startTwoApps() throws Exception {
    dir = Files.createTempDirectory("fleetgate-apps-it");
    configFile = dir.resolve("fleetgate.properties");
    Files.writeString(configFile, APPS);
    server =
        MicroProcess.start(
            dir.resolve("server"), Map.of(), List.of("-Dfleetgate.config=" + configFile));
    Http.await(() -> ready(pids()).size() == 4, Duration.ofSeconds(180), "two workers in each app");
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Order(1)
  void requestsReachTheAppTheirHostAndPathName() throws Exception {
    JsonObject web = answer("www.example.test", "/hello?x=1");
    assertTrue(port(web) >= 23680 && port(web) <= 23681, "web: " + web);
    assertEquals("/hello", web.getString("path"));

    JsonObject apiByPath = answer("www.example.test", "/api/users/7");
    assertTrue(port(apiByPath) >= 23690 && port(apiByPath) <= 23691, "api: " + apiByPath);
    assertEquals("/users/7", apiByPath.getString("path"), "the prefix stripped");

    JsonObject apiByHost = answer("API.example.test", "/users/7");
    assertTrue(port(apiByHost) >= 23690, "the whole host goes to api: " + apiByHost);
    assertEquals("/users/7", apiByHost.getString("path"), "a whole host strips nothing");

    JsonObject notApi = answer("www.example.test", "/apix");
    assertTrue(port(notApi) <= 23681, "/api is no prefix of /apix: " + notApi);

    String health = Http.get(server.base(), "/health/ready").body();
    assertTrue(health.contains("\"web\":\"UP\"") && health.contains("\"api\":\"UP\""), health);
    String metrics = Http.details(server.base());
    assertTrue(
        metrics.contains("fleetgate_worker_requests_total{app=\"api\",worker=\"0\"}"), metrics);
  }

  @Test
  @Order(2)
  void theConsoleGroupsTheWorkersByApp() throws Exception {
    String overview = ChaosIT.signIn(server, "apps-it-" + TOKEN).overview();

    int web = overview.indexOf("<h2 class=\"fg-app-name\">web</h2>");
    int api = overview.indexOf("<h2 class=\"fg-app-name\">api</h2>");
    assertTrue(web >= 0 && api > web, "a header per app, in configuration order: " + overview);
    assertTrue(overview.contains("2 / 2 workers ready"), overview);
    for (String row : List.of("fleet:apps:0:table:1:pid", "fleet:apps:1:table:1:pid")) {
      assertTrue(overview.contains("id=\"" + row + "\""), row + " in " + overview);
    }
    assertTrue(overview.contains("worker.xhtml?app=api&amp;id=1"), "api's rows link by app");
  }

  @Test
  @Order(3)
  void aCrashInOneAppNeverDisturbsTheOthersTraffic() throws Exception {
    Map<String, Long> before = pids();
    try (Load load = new Load("www.example.test", "/load")) {
      for (int crash = 0; crash < 4; crash++) {
        // A POST is not retried: one api worker dies per request, its app restarts it.
        send("POST", "api.example.test", "/crash", null);
        Thread.sleep(700);
      }
      Http.await(
          () -> ready(pids()).size() == 4, Duration.ofSeconds(60), "api's workers restarted");
      load.assertNoFailure("web while api crashed 4 times");
    }
    Map<String, Long> after = pids();
    assertEquals(before.get("web/0"), after.get("web/0"), "web's workers untouched");
    assertEquals(before.get("web/1"), after.get("web/1"));
    assertFalse(
        before.get("api/0").equals(after.get("api/0"))
            && before.get("api/1").equals(after.get("api/1")),
        "api's workers were restarted: " + before + " → " + after);
  }

  @Test
  @Order(4)
  void scalingOneAppLeavesTheOthersProcessesAlone() throws Exception {
    Map<String, Long> before = pids();
    Answer scaled = send("POST", null, "/admin/api/apps/api/scale", "{\"count\": 3}");
    assertEquals(200, scaled.status(), scaled.body());
    Http.await(() -> ready(pids()).containsKey("api/2"), Duration.ofSeconds(60), "api/2 ready");
    Map<String, Long> after = pids();
    assertEquals(before.get("web/0"), after.get("web/0"), "web's pids unchanged");
    assertEquals(before.get("web/1"), after.get("web/1"));
    assertEquals(before.get("api/0"), after.get("api/0"), "api's own kept theirs too");
    server.awaitLog("action=scale(3) worker=api/all result=ok", Duration.ofSeconds(10));

    Answer unknown = send("POST", null, "/admin/api/apps/nope/scale", "{\"count\": 1}");
    assertEquals(404, unknown.status(), unknown.body());
  }

  @Test
  @Order(5)
  void aReloadAddsAThirdAppWithoutRestartingTheFirstTwo() throws Exception {
    Map<String, Long> before = pids();
    Files.writeString(
        configFile,
        APPS.replace("fleetgate.apps=web,api", "fleetgate.apps=web,api,admin")
                .replace("fleetgate.apps.api.count=2", "fleetgate.apps.api.count=3")
            + "fleetgate.apps.admin.count=1\n"
            + "fleetgate.apps.admin.base-port=23697\n"
            + "fleetgate.apps.admin.hosts=admin.example.test\n");
    server.signal("HUP");
    Http.await(() -> ready(pids()).containsKey("admin/0"), Duration.ofSeconds(90), "admin/0 ready");
    JsonObject admin = answer("admin.example.test", "/");
    assertEquals(23697, port(admin), "the new app serves its host: " + admin);
    Map<String, Long> after = pids();
    for (String worker : before.keySet()) {
      assertEquals(before.get(worker), after.get(worker), worker + " not restarted by the reload");
    }

    // And removed again: its worker stops, its host falls to web's "/", the others stay.
    Files.writeString(
        configFile, APPS.replace("fleetgate.apps.api.count=2", "fleetgate.apps.api.count=3"));
    server.signal("HUP");
    Http.await(() -> !pids().containsKey("admin/0"), Duration.ofSeconds(60), "admin removed");
    assertTrue(port(answer("admin.example.test", "/")) <= 23681, "web takes the host again");
    assertEquals(before, pids(), "web and api untouched by the removal");
  }

  // ---- helpers -------------------------------------------------------------------------------

  static final Pattern INFO =
      Pattern.compile(
          "fleetgate_worker_info\\{app=\"([a-z0-9-]+)\",worker=\"(\\d+)\",pid=\"(\\d+)\"");
  static final Pattern STATE =
      Pattern.compile(
          "fleetgate_worker_state\\{app=\"([a-z0-9-]+)\",worker=\"(\\d+)\",state=\"READY\"} 1\n");

  /** Worker name (web/0) → pid, for workers with a process. */
  static Map<String, Long> pids() {
    Map<String, Long> pids = new TreeMap<>();
    Matcher m = INFO.matcher(Http.details(server.base()));
    while (m.find()) {
      pids.put(m.group(1) + "/" + m.group(2), Long.parseLong(m.group(3)));
    }
    return pids;
  }

  /** Of {@code pids}, those whose worker is READY. */
  static Map<String, Long> ready(Map<String, Long> pids) {
    Map<String, Long> ready = new TreeMap<>();
    Matcher m = STATE.matcher(Http.details(server.base()));
    while (m.find()) {
      String name = m.group(1) + "/" + m.group(2);
      if (pids.containsKey(name)) {
        ready.put(name, pids.get(name));
      }
    }
    return ready;
  }

  static JsonObject answer(String host, String path) throws Exception {
    Answer response = send("GET", host, path, null);
    assertEquals(200, response.status(), host + path + ": " + response.body());
    return Json.createReader(new StringReader(response.body())).readObject();
  }

  static int port(JsonObject answer) {
    return answer.getInt("port");
  }

  record Answer(int status, String body) {}

  /**
   * A request with {@code host} as its Host (or the server's), and the API token; raw, since the
   * JDK client sets Host itself.
   */
  static Answer send(String method, String host, String path, String json) throws Exception {
    byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
    int port = URI.create(server.base()).getPort();
    String head =
        method
            + " "
            + path
            + " HTTP/1.1\r\nHost: "
            + (host == null ? "127.0.0.1:" + port : host)
            + "\r\nAuthorization: Bearer "
            + TOKEN
            + "\r\nConnection: close\r\n"
            + (json == null ? "" : "Content-Type: application/json\r\n")
            + (method.equals("GET") ? "" : "Content-Length: " + body.length + "\r\n")
            + "\r\n";
    String raw = Http.raw("127.0.0.1", port, head + new String(body, StandardCharsets.UTF_8));
    int split = raw.indexOf("\r\n\r\n");
    if (!raw.startsWith("HTTP/1.1 ") || split < 0) {
      return new Answer(-1, raw);
    }
    String answerBody = raw.substring(split + 4);
    if (raw.substring(0, split)
        .toLowerCase(java.util.Locale.ROOT)
        .contains("transfer-encoding: chunked")) {
      answerBody = unchunked(answerBody);
    }
    return new Answer(Integer.parseInt(raw.substring(9, 12)), answerBody);
  }

  static String unchunked(String chunked) {
    StringBuilder body = new StringBuilder();
    int at = 0;
    while (true) {
      int lineEnd = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
      if (size == 0) {
        return body.toString();
      }
      body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
  }

  /** GETs to one host from three threads until closed; every answer must be a 200. */
  static final class Load implements AutoCloseable {
    final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicInteger done = new AtomicInteger();
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    final List<Thread> threads = new ArrayList<>();

    Load(String host, String path) {
      for (int t = 0; t < 3; t++) {
        Thread thread =
            new Thread(
                () -> {
                  for (int i = 0; running.get() && i < 100_000; i++) {
                    try {
                      int status = send("GET", host, path + "?i=" + i, null).status();
                      if (status != 200) {
                        failures.add("GET " + status);
                      }
                    } catch (Exception e) {
                      failures.add(e.toString());
                    }
                    done.incrementAndGet();
                  }
                });
        thread.start();
        threads.add(thread);
      }
    }

    void assertNoFailure(String what) {
      assertTrue(done.get() > 100, "the load ran: " + done.get() + " requests");
      List<String> failed = List.copyOf(failures);
      assertEquals(
          List.of(), failed.subList(0, Math.min(10, failed.size())), failed.size() + " failed");
      System.out.printf("FIGURE %s: %d requests, 0 failed%n", what, done.get());
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      for (Thread thread : threads) {
        thread.join(30_000);
      }
    }
  }
}
