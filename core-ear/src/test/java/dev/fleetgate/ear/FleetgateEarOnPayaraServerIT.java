package dev.fleetgate.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The EAR on Payara Server 6.2025.10, set up and deployed with asadmin as an operator would:
 * workers, proxy, console and health all work there. One domain serves every method.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetgateEarOnPayaraServerIT {
  static final int PORT_BASE = 24000;
  static final int ADMIN_PORT = PORT_BASE + 48;
  static final int HTTP_PORT = PORT_BASE + 80;
  static final String BASE = "http://127.0.0.1:" + HTTP_PORT;
  static final String PASSWORD = "ear-" + UUID.randomUUID();
  static final Pattern WORKER = Pattern.compile("\"worker-(\\d+)\":\"READY pid (\\d+)");
  static final Pattern WORKER_ID = Pattern.compile("\"worker\":\"(\\d+)\"");

  static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  static Path domains;
  static Asadmin asadmin;
  static List<Long> workerPids = new ArrayList<>();

  @BeforeAll
  static void deployOnPayaraServer() {
    Path work = Path.of(System.getProperty("it.work-dir"));
    domains = work.resolve("domains");
    // MicroProfile Config reads the environment start-domain gives the server's JVM.
    asadmin =
        new Asadmin(
            Path.of(System.getProperty("payara.home")),
            Map.of(
                "FLEETGATE_WORKERS_COUNT",
                "2",
                "FLEETGATE_WORKERS_BASE_PORT",
                "23300",
                "FLEETGATE_STATE_DIR",
                work.resolve("state").toString(),
                "FLEETGATE_ADMIN_PASSWORD",
                PASSWORD));
    asadmin.tryRun("delete-domain", "--domaindir", domains.toString(), "fgdomain");
    long started = System.nanoTime();
    asadmin.run(
        "create-domain",
        "--nopassword",
        "--portbase",
        Integer.toString(PORT_BASE),
        "--domaindir",
        domains.toString(),
        "fgdomain");
    asadmin.run("start-domain", "--domaindir", domains.toString(), "fgdomain");
    String port = "--port=" + ADMIN_PORT;
    // The proxy keeps the client's Host only when the JDK client is allowed to send it.
    asadmin.run(
        port, "create-jvm-options", "-Djdk.httpclient.allowRestrictedHeaders=host,connection");
    asadmin.run(
        port,
        "set",
        "configs.config.server-config.network-config.network-listeners.network-listener.http-listener-1.address=127.0.0.1");
    asadmin.run("restart-domain", "--domaindir", domains.toString(), "fgdomain");
    System.out.printf(
        "FIGURE Payara Server domain created and started: %d ms%n",
        (System.nanoTime() - started) / 1_000_000);
    long deploying = System.nanoTime();
    asadmin.run(port, "deploy", "--name", "fleetgate", System.getProperty("fleetgate.ear"));
    System.out.printf(
        "FIGURE EAR deployed (workers starting): %d ms%n",
        (System.nanoTime() - deploying) / 1_000_000);
  }

  @AfterAll
  static void removeDomain() {
    asadmin.tryRun("--port=" + ADMIN_PORT, "undeploy", "fleetgate");
    asadmin.tryRun("stop-domain", "--domaindir", domains.toString(), "fgdomain");
    for (long pid : workerPids) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  @Order(1)
  void workersComeUpAndHealthReportsThemThroughTheEar() {
    await(() -> status("/health/ready") == 200, Duration.ofSeconds(60), "ready");
    String ready = get("/health/ready").body();
    Matcher m = WORKER.matcher(ready);
    while (m.find()) {
      workerPids.add(Long.parseLong(m.group(2)));
    }
    assertEquals(2, workerPids.size(), ready);
    assertTrue(ready.contains("fleetgate-workers-ready"), "the EJB module's checks run: " + ready);
    String live = get("/health/live").body();
    assertTrue(live.contains("fleetgate-proxy"), "the WAR's check runs: " + live);
    assertTrue(live.contains("fleetgate-supervisor"), live);
    assertEquals(200, status("/health/live"));
    assertEquals(200, status("/health/started"));
  }

  @Test
  @Order(2)
  void theProxyServesFromBothWorkersAndKeepsHost() throws IOException {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> response = get("/ear?i=" + i);
      assertEquals(200, response.statusCode(), response.body());
      Matcher m = WORKER_ID.matcher(response.body());
      assertTrue(m.find(), response.body());
      ids.add(m.group(1));
    }
    assertNotEquals(ids.get(0), ids.get(1), "round-robin: " + ids);
    assertEquals(ids.get(0), ids.get(2), "round-robin: " + ids);

    String raw = raw("GET /who HTTP/1.1\r\nHost: shop.example\r\nConnection: close\r\n\r\n");
    assertTrue(raw.contains("\"host\":\"shop.example\""), raw);
    assertTrue(raw.contains("\"xForwardedFor\":\"127.0.0.1\""), raw);
  }

  @Test
  @Order(3)
  void theConsoleAsksForALoginAndThenShowsTheWorkers() throws Exception {
    HttpResponse<String> anonymous = get("/admin/index.xhtml");
    assertEquals(302, anonymous.statusCode(), anonymous.body());
    assertTrue(
        anonymous.headers().firstValue("Location").orElse("").contains("/admin/login.xhtml"));

    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    String loginPage = browser.send(request("/admin/login.xhtml").build(), text()).body();
    assertTrue(loginPage.contains("type=\"password\""), loginPage);
    Matcher action =
        Pattern.compile("<form id=\"login\"[^>]*action=\"([^\"]+)\"").matcher(loginPage);
    assertTrue(action.find(), loginPage);
    Matcher viewState =
        Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]*)\"")
            .matcher(loginPage);
    assertTrue(viewState.find(), loginPage);
    String form =
        form(
            Map.of(
                "login", "login",
                "login:username", "admin",
                "login:password", PASSWORD,
                "login:submit", "",
                "jakarta.faces.ViewState", viewState.group(1)));
    HttpResponse<String> console =
        browser.send(
            request(action.group(1).replace("&amp;", "&"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            text());

    assertEquals(200, console.statusCode(), console.body());
    assertTrue(console.uri().getPath().endsWith("/admin/index.xhtml"), console.uri().toString());
    for (long pid : workerPids) {
      assertTrue(console.body().contains(Long.toString(pid)), "shows worker pid " + pid);
    }
  }

  @Test
  @Order(4)
  void undeployingStopsEveryWorker() {
    asadmin.run("--port=" + ADMIN_PORT, "undeploy", "fleetgate");
    for (long pid : workerPids) {
      await(
          () -> ProcessHandle.of(pid).isEmpty(), Duration.ofSeconds(15), "worker " + pid + " gone");
    }
    assertFalse(workerPids.isEmpty());
  }

  // ---- helpers ------------------------------------------------------------------------------

  static HttpRequest.Builder request(String pathOrUrl) {
    URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : BASE + pathOrUrl);
    return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
  }

  static HttpResponse.BodyHandler<String> text() {
    return HttpResponse.BodyHandlers.ofString();
  }

  static HttpResponse<String> get(String path) {
    try {
      return HTTP.send(request(path).build(), text());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static int status(String path) {
    try {
      return get(path).statusCode();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  static String raw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", HTTP_PORT)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  static String form(Map<String, String> fields) {
    StringBuilder body = new StringBuilder();
    fields.forEach(
        (k, v) ->
            body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return body.toString();
  }

  static void await(BooleanSupplier condition, Duration limit, String what) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting for " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
