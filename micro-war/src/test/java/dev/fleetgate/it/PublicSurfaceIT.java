package dev.fleetgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a stranger sees (README, "Security: what is public"), against a real Payara Micro started
 * with {@code micro-war/src/main/asadmin/hardening.asadmin}:
 *
 * <ul>
 *   <li>P1 {@code /health/*} answers status only: no pid, port, restarts or reason.
 *   <li>P2 {@code /admin/metrics} is 401 without credentials; with the token it shows every
 *       worker's state, pid, port and restarts.
 *   <li>P3 Payara's own {@code /metrics} and {@code /openapi} are not served: the paths reach the
 *       proxy like any other.
 *   <li>P4 No answer says {@code Server: Payara} or carries {@code X-Powered-By}; Fleetgate's own
 *       and proxied answers say {@code Server: Fleetgate}.
 *   <li>P5 A 3 MB form posted to the sign-in page gets 413, and no error page names a class, a
 *       stack trace or the server.
 * </ul>
 */
class PublicSurfaceIT {
  static final HttpClient CLIENT =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  static MicroProcess server;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "public-surface-it");
    server =
        MicroProcess.start(
            dir,
            Map.of("FLEETGATE_WORKERS_COUNT", "2", "FLEETGATE_WORKERS_BASE_PORT", "23590"),
            List.of());
    Http.await(
        () -> Http.readyWorkers(server.base()) == 2, Duration.ofSeconds(180), "two workers ready");
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/health/ready", "/health/live", "/health/started"})
  void p1_healthAnswersStatusOnly(String path) {
    HttpResponse<String> health = Http.get(server.base(), path);

    assertEquals(200, health.statusCode(), health.body());
    assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
    for (long pid : pids()) {
      assertFalse(health.body().contains(Long.toString(pid)), "pid in " + health.body());
    }
    for (String detail : List.of("pid", "port", "2359", "restarts", "READY", "worker-")) {
      assertFalse(health.body().contains(detail), detail + " in " + health.body());
    }
  }

  @Test
  void p2_metricsNeedCredentialsAndThenShowEveryWorker() throws Exception {
    HttpResponse<String> stranger = send(request("/admin/metrics").build());
    assertEquals(401, stranger.statusCode());
    assertFalse(stranger.body().contains("fleetgate_worker"), stranger.body());

    String details = Http.details(server.base());
    assertTrue(
        details.contains("fleetgate_worker_state{app=\"default\",worker=\"1\",state=\"READY\"} 1"),
        details);
    assertTrue(
        details.contains("fleetgate_worker_restarts_total{app=\"default\",worker=\"0\"} 0"),
        details);
    for (int id = 0; id < 2; id++) {
      assertTrue(
          details.matches(
              "(?s).*fleetgate_worker_info\\{app=\"default\",worker=\""
                  + id
                  + "\",pid=\"\\d+\",port=\"2359"
                  + id
                  + "\"} 1\n.*"),
          details);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/metrics", "/openapi"})
  void p3_payarasOwnEndpointsAreNotServed(String path) {
    HttpResponse<String> response = Http.get(server.base(), path);

    // Not Payara's: the path went to a worker, whose sample app echoes it.
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.body().contains("\"path\":\"" + path + "\""), response.body());
    assertFalse(response.body().contains("# TYPE"), response.body());
    assertFalse(response.body().contains("openapi:"), response.body());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/some/app/path",
        "/health/ready",
        "/admin/login.xhtml",
        "/admin/metrics",
        "/admin/jakarta.faces.resource/none.css"
      })
  void p4_noPayaraServerHeaderNorXPoweredBy(String path) {
    HttpResponse<String> response = Http.get(server.base(), path);

    List<String> servers = response.headers().allValues("Server");
    servers.forEach(s -> assertFalse(s.contains("Payara"), path + ": Server " + s));
    assertEquals(List.of(), response.headers().allValues("X-Powered-By"), path);
    assertEquals(List.of("Fleetgate"), servers, path);
  }

  @Test
  void p4_proxiedAnswersSayFleetgate() {
    HttpResponse<String> proxied = Http.get(server.base(), "/hello");

    assertTrue(proxied.body().contains("\"worker\":"), proxied.body());
    assertEquals(List.of("Fleetgate"), proxied.headers().allValues("Server"));
  }

  @Test
  void p5_aHugeSignInFormGets413WithAPageThatNamesNothingInside() throws Exception {
    String form = "j_username=admin&j_password=" + "a".repeat(3 * 1024 * 1024);

    HttpResponse<String> response =
        send(
            request("/admin/login.xhtml")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());

    assertEquals(413, response.statusCode(), response.body());
    assertNamesNothingInside(response);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/admin/metrics", "/admin/jakarta.faces.resource/none.css"})
  void p5_errorPagesNameNothingInside(String path) throws Exception {
    HttpResponse<String> response = send(request(path).build());

    assertNotEquals(200, response.statusCode(), path);
    assertNamesNothingInside(response);
  }

  private static void assertNamesNothingInside(HttpResponse<String> response) {
    String body = response.body();
    for (String leak : List.of("Exception", "grizzly", "GRIZZLY", "Payara", "java.")) {
      assertFalse(body.contains(leak), leak + " in " + body);
    }
    response
        .headers()
        .allValues("Server")
        .forEach(s -> assertFalse(s.contains("Payara"), "Server: " + s));
  }

  private static List<Long> pids() {
    return Http.workers(Http.details(server.base())).values().stream()
        .map(Http.WorkerInfo::pid)
        .toList();
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(server.base() + path)).timeout(Duration.ofSeconds(30));
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
