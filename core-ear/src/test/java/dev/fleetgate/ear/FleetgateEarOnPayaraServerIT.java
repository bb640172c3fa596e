package dev.fleetgate.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fleetgate's EAR on Payara Server 6.2025.10, set up with asadmin as an operator would, one domain
 * for the whole class: the supervisor starts two workers, the proxy at {@code /} serves them in
 * turn, the console at {@code /admin} shows them only after a real sign-in, MicroProfile Health
 * reports them, and undeploying stops them. The last test undeploys; the others only read.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetgateEarOnPayaraServerIT {
  static final Path EAR = Path.of(System.getProperty("fleetgate.ear"));
  static final Path PAYARA_HOME = Path.of(System.getProperty("payara.home"));
  static final Path STATE_DIR = Path.of(System.getProperty("it.state-dir"));
  static final Path LOG_DIR = Path.of(System.getProperty("it.log-dir"));
  static final int WORKERS = 2;
  static final int WORKER_BASE_PORT = 23300;

  /** Per run; the colon proves that asadmin's escaping of JVM options is right. */
  static final String PASSWORD = "fg:" + randomText();

  /** Scrapers' token: the workers' pids and ports are at /admin/metrics, not in public health. */
  static final String METRICS_TOKEN = "ear-" + randomText();

  static final Path FRONT_DOOR = Path.of(System.getProperty("it.front-door.jar"));

  static final Pattern READY_WORKER =
      Pattern.compile(
          "fleetgate_worker_state\\{app=\"default\",worker=\"(\\d+)\",state=\"READY\"} 1\n");
  static final Pattern WORKER_INFO =
      Pattern.compile(
          "fleetgate_worker_info\\{app=\"default\",worker=\"(\\d+)\",pid=\"(\\d+)\",port=\"(\\d+)\"");
  static final Pattern RESTARTS =
      Pattern.compile(
          "fleetgate_worker_restarts_total\\{app=\"default\",worker=\"(\\d+)\"} (\\d+)\n");
  static final Pattern ANSWERING_WORKER = Pattern.compile("\"worker\":\"(\\d+)\",\"pid\":(\\d+)");

  /** Like a script or a load balancer probe: no redirects followed, no cookies kept. */
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  static PayaraDomain domain;
  static URI base;
  static String readiness;
  static String details;
  static final Map<Integer, ProcessHandle> workers = new TreeMap<>();
  static final List<ProcessHandle> recordedWorkers = new ArrayList<>();
  static boolean undeployed;

  @BeforeAll
  static void deployTheEarOnANewDomain() throws Exception {
    for (int id = 0; id < WORKERS; id++) {
      assertTrue(
          PayaraDomain.free(WORKER_BASE_PORT + id), "worker port " + (WORKER_BASE_PORT + id));
    }
    long t = System.nanoTime();
    domain = PayaraDomain.create(PAYARA_HOME, "fgdomain", LOG_DIR);
    base = URI.create("http://127.0.0.1:" + domain.httpPort());
    figure("create-domain --portbase " + domain.portBase(), t);

    t = System.nanoTime();
    domain.start();
    figure("start-domain", t);

    t = System.nanoTime();
    domain.addJvmOptions(
        List.of(
            // Read once when the JDK's HTTP client loads: only the launcher can set it. The proxy
            // keeps the client's Host, and closes worker connections of broken-off uploads.
            "-Djdk.httpclient.allowRestrictedHeaders=host,connection",
            "-Djdk.httpclient.keepalive.timeout=4",
            // A common pool of 1 (2 CPUs) would start a thread per proxied request.
            "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2",
            "-Dfleetgate.workers.count=" + WORKERS,
            "-Dfleetgate.workers.base-port=" + WORKER_BASE_PORT,
            "-Dfleetgate.state-dir=" + STATE_DIR,
            "-Dfleetgate.admin.password=" + PASSWORD,
            "-Dfleetgate.metrics.token=" + METRICS_TOKEN));
    // The front door, as the README says for Payara Server: the library on the common class path,
    // and the HTTP listener's protocol behind its port-unification filter.
    domain.run("add-library", "--type", "common", FRONT_DOOR.toString());
    domain.run("create-protocol", "--securityenabled=false", "fleetgate-front-door");
    domain.run(
        "create-protocol-finder",
        "--protocol",
        "fleetgate-front-door",
        "--targetprotocol",
        "http-listener-1",
        "--classname",
        "dev.fleetgate.frontdoor.HttpOnlyFinder",
        "fleetgate-http");
    String listeners = "configs.config.server-config.network-config.network-listeners";
    domain.set(
        listeners + ".network-listener.http-listener-1.address=127.0.0.1",
        listeners + ".network-listener.http-listener-1.protocol=fleetgate-front-door",
        "configs.config.server-config.network-config.protocols.protocol.fleetgate-front-door"
            + ".port-unification.classname=dev.fleetgate.frontdoor.FrontDoorFilter",
        listeners + ".network-listener.http-listener-2.address=127.0.0.1",
        listeners + ".network-listener.admin-listener.address=127.0.0.1");
    domain.restart();
    figure("create-jvm-options, set, stop-domain, start-domain", t);

    t = System.nanoTime();
    domain.deploy("fleetgate", EAR);
    figure("deploy fleetgate.ear", t);

    t = System.nanoTime();
    readiness = awaitAllWorkersReady(Duration.ofSeconds(60));
    figure("workers ready after deploy", t);
    Matcher m = WORKER_INFO.matcher(details);
    while (m.find()) {
      long pid = Long.parseLong(m.group(2));
      ProcessHandle worker =
          ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
      workers.put(Integer.parseInt(m.group(1)), worker);
    }
  }

  @AfterAll
  static void removeTheDomain() {
    if (domain == null) {
      return;
    }
    recordedWorkers.addAll(WorkerPidFile.liveEntries(STATE_DIR)); // before the server forgets them
    if (!undeployed) {
      domain.tryUndeploy("fleetgate");
    }
    domain.remove();
    Stream.concat(workers.values().stream(), recordedWorkers.stream())
        .filter(ProcessHandle::isAlive)
        .forEach(
            worker -> {
              System.err.println("clean-up: killing leftover worker pid " + worker.pid());
              worker.descendants().forEach(ProcessHandle::destroyForcibly);
              worker.destroyForcibly();
            });
    ServerLog.problems(LOG_DIR.resolve("server.log")).forEach(p -> System.out.println("LOG " + p));
  }

  @Test
  @Order(1)
  void healthReportsBothWorkersReadyThroughTheChecksOfTheEar() {
    assertTrue(readiness.contains("\"status\":\"UP\""), readiness);
    assertTrue(
        readiness.matches("(?s).*\"checks\":\\[\\s*\\{.*"),
        "Payara ran no check of the EAR (it needs one in a WAR): " + readiness);
    assertTrue(readiness.contains("\"fleetgate-workers-ready\""), readiness);
    assertFalse(readiness.contains("pid"), "no worker details in public health: " + readiness);
    Matcher m = WORKER_INFO.matcher(details);
    while (m.find()) {
      int id = Integer.parseInt(m.group(1));
      assertEquals(WORKER_BASE_PORT + id, Integer.parseInt(m.group(3)), m.group());
    }
    Matcher restarts = RESTARTS.matcher(details);
    while (restarts.find()) {
      assertEquals("0", restarts.group(2), "restarts: " + restarts.group());
    }
    assertEquals(Set.of(0, 1), workers.keySet(), details);

    HttpResponse<String> live = get("/health/live");
    assertEquals(200, live.statusCode(), live.body());
    assertTrue(live.body().contains("\"status\":\"UP\""), live.body());
    assertTrue(live.body().contains("\"fleetgate-proxy\""), "the WAR's own check: " + live.body());
    assertTrue(live.body().contains("\"fleetgate-supervisor\""), live.body());

    HttpResponse<String> started = get("/health/started");
    assertEquals(200, started.statusCode(), started.body());
    assertTrue(started.body().contains("\"status\":\"UP\""), started.body());
    assertTrue(started.body().contains("\"fleetgate-workers-started\""), started.body());
  }

  @Test
  @Order(2)
  void proxyAtTheRootServesBothWorkersInTurnAndKeepsTheHost() {
    List<Integer> answeredBy = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> response = get("/");
      assertEquals(200, response.statusCode(), response.body());
      Matcher m = ANSWERING_WORKER.matcher(response.body());
      assertTrue(m.find(), "the sample worker's JSON: " + response.body());
      int id = Integer.parseInt(m.group(1));
      assertEquals(
          workers.get(id).pid(), Long.parseLong(m.group(2)), "pid of worker " + id + " in health");
      assertTrue(
          response.body().contains("\"host\":\"127.0.0.1:" + domain.httpPort() + "\""),
          "the worker sees the client's Host: " + response.body());
      answeredBy.add(id);
    }
    assertEquals(Set.of(0, 1), new TreeSet<>(answeredBy), "both workers serve: " + answeredBy);
    for (int i = 1; i < answeredBy.size(); i++) {
      assertNotEquals(answeredBy.get(i - 1), answeredBy.get(i), "round-robin: " + answeredBy);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/admin/", "/admin/index.xhtml"})
  @Order(3)
  void consoleShowsNothingBeforeSignIn(String path) {
    HttpResponse<String> response = get(path);
    if (response.statusCode() == 302) {
      String location = response.headers().firstValue("Location").orElse("");
      assertTrue(location.contains("login"), "redirected to sign in, not to " + location);
    } else {
      assertEquals(200, response.statusCode(), response.body());
      assertTrue(response.body().contains("type=\"password\""), "a sign-in page: " + response);
    }
    assertFalse(showsWorkers(response.body()), "no worker data before sign-in: " + response.body());
  }

  @Test
  @Order(4)
  void signingInWithTheConfiguredPasswordShowsBothWorkers() throws Exception {
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpResponse<String> loginPage = browser.send(request("/admin/login.xhtml").build(), text());
    assertEquals(200, loginPage.statusCode(), loginPage.body());
    HtmlForm form =
        HtmlForm.find(loginPage.body(), "login")
            .orElseThrow(() -> new AssertionError("no login form: " + loginPage.body()));
    assertTrue(form.hasField("jakarta.faces.ViewState"), "Faces view state in the form");
    form.with(field(form, "text"), "admin")
        .with(field(form, "password"), PASSWORD)
        .with(field(form, "submit"), "");

    HttpResponse<String> signedIn =
        browser.send(
            HttpRequest.newBuilder(base.resolve(form.action()))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.encoded()))
                .build(),
            text());
    assertEquals(302, signedIn.statusCode(), "signed in and sent on: " + signedIn.body());
    String location = signedIn.headers().firstValue("Location").orElse("");
    assertTrue(location.endsWith("/admin/index.xhtml"), location);

    HttpResponse<String> console =
        browser.send(request(base.resolve(location).toString()).build(), text());
    assertEquals(200, console.statusCode(), console.body());
    for (ProcessHandle worker : workers.values()) {
      assertTrue(
          console.body().contains(">" + worker.pid() + "<"),
          "the console lists worker pid " + worker.pid() + ": " + console.body());
    }
  }

  /**
   * HTTPS on Payara Server is the server's own listener (http-listener-2, its keystore), not the
   * front door's TLS (README, "Deploy the EAR"): it offers HTTP/2 by ALPN, and the proxy behind it
   * tells the worker the request came over HTTPS and gives it an id.
   */
  @Test
  @Order(4)
  void theServersOwnTlsListenerServesTheProxyWithHttp2Offered() throws Exception {
    int port = domain.portBase() + 81;
    try (SSLSocket socket = tlsSocket(port, "h2", "http/1.1")) {
      assertEquals("h2", socket.getApplicationProtocol(), "ALPN chose HTTP/2");
    }
    try (SSLSocket socket = tlsSocket(port, "http/1.1")) {
      socket
          .getOutputStream()
          .write(
              "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
      assertTrue(answer.contains("\"xForwardedProto\":\"https\""), answer);
      assertTrue(answer.toLowerCase(Locale.ROOT).contains("\nx-request-id: "), answer);
    }
  }

  /** A TLS connection to Payara's self-signed listener, offering these ALPN protocols. */
  private static SSLSocket tlsSocket(int port, String... alpn) throws Exception {
    SSLContext trustingAny = SSLContext.getInstance("TLS");
    trustingAny.init(
        null,
        new TrustManager[] {
          new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
              return new X509Certificate[0];
            }
          }
        },
        null);
    SSLSocket socket = (SSLSocket) trustingAny.getSocketFactory().createSocket("127.0.0.1", port);
    socket.setSoTimeout(20_000);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setApplicationProtocols(alpn);
    socket.setSSLParameters(parameters);
    socket.startHandshake();
    return socket;
  }

  /** The front door is in Payara Server's chain too: CL.TE is refused even on Payara's /health. */
  @Test
  @Order(4)
  void theFrontDoorRefusesAmbiguousFramingOnEveryPath() throws IOException {
    String body = "0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n";
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", domain.httpPort())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("POST /health/ready HTTP/1.1\r\nHost: x\r\nContent-Length: "
                      + body.length()
                      + "\r\nTransfer-Encoding: chunked\r\n\r\n"
                      + body)
                  .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      String answer =
          new String(
              socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
      assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
      assertTrue(answer.contains("both Content-Length and Transfer-Encoding"), answer);
    }
  }

  @Test
  @Order(5)
  void undeployingStopsEveryWorker() throws Exception {
    assertEquals(WORKERS, workers.size());
    long t = System.nanoTime();
    domain.undeploy("fleetgate");
    undeployed = true;
    CompletableFuture<?>[] exits =
        workers.values().stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(exits).get(15, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      fail(
          "workers still running 15 s after undeploy: "
              + workers.values().stream().filter(ProcessHandle::isAlive).toList());
    }
    figure("undeploy until the workers are gone", t);
    String root = get("/").body(); // Payara's own docroot page once the proxy is gone
    assertFalse(ANSWERING_WORKER.matcher(root).find(), "no worker answers / any more: " + root);
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** Polls readiness until it is UP with every worker READY; the last answer on failure. */
  static String awaitAllWorkersReady(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> ready = get("/health/ready");
        last = ready.statusCode() + " " + ready.body();
        if (ready.statusCode() == 200 && ready.body().contains("\"status\":\"UP\"")) {
          HttpResponse<String> metrics =
              HTTP.send(
                  request("/admin/metrics")
                      .header("Authorization", "Bearer " + METRICS_TOKEN)
                      .build(),
                  text());
          details = metrics.body();
          if (READY_WORKER.matcher(details).results().count() == WORKERS) {
            return ready.body();
          }
        }
      } catch (IOException | RuntimeException e) {
        last = e.toString();
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    throw new AssertionError(
        "not all " + WORKERS + " workers ready within " + limit.toSeconds() + " s: " + last);
  }

  static boolean showsWorkers(String html) {
    return html.contains("fg-workers")
        || workers.values().stream().anyMatch(w -> html.contains(">" + w.pid() + "<"));
  }

  static String field(HtmlForm form, String type) {
    return form.nameOfType(type)
        .orElseThrow(() -> new AssertionError("no " + type + " field in the login form"));
  }

  static HttpRequest.Builder request(String pathOrUrl) {
    return HttpRequest.newBuilder(base.resolve(pathOrUrl)).timeout(Duration.ofSeconds(20));
  }

  static HttpResponse.BodyHandler<String> text() {
    return HttpResponse.BodyHandlers.ofString();
  }

  static HttpResponse<String> get(String path) {
    try {
      return HTTP.send(request(path).build(), text());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("GET " + path, e);
    }
  }

  static void figure(String what, long startNanos) {
    System.out.printf(
        "FIGURE %s: %d ms%n", what, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
  }

  static String randomText() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
