package dev.fleetgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * How the proxy fails, on a real Payara Micro with two sample workers (chaos endpoints on): 504,
 * 413, retries of idempotent requests on a killed worker, never a second worker for a POST, and the
 * idle timeouts (R11: response-timeout 1.5 s, read-timeout 2 s).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProxyFailuresIT {
  static MicroProcess server;
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    server =
        MicroProcess.start(
            Path.of(System.getProperty("java.io.tmpdir"), "proxy-failures-it"),
            Map.of(
                "FLEETGATE_WORKERS_COUNT", "2",
                "FLEETGATE_WORKERS_BASE_PORT", "23220",
                "FLEETGATE_WORKERS_ENV", "SAMPLE_WORKER_CHAOS=true",
                "FLEETGATE_PROXY_RESPONSE_TIMEOUT", "1500ms",
                "FLEETGATE_PROXY_READ_TIMEOUT", "2s",
                "FLEETGATE_PROXY_MAX_BODY_SIZE", "1M"),
            List.of());
    Http.await(() -> readyWorkers() == 2, Duration.ofSeconds(180), "two workers ready");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static long readyWorkers() {
    return Http.readyWorkers(server.base());
  }

  static int restarts() {
    String body = Http.details(server.base());
    int total = 0;
    var m =
        java.util.regex.Pattern.compile(
                "fleetgate_worker_restarts_total\\{app=\"default\",worker=\"\\d+\"} (\\d+)")
            .matcher(body);
    while (m.find()) {
      total += Integer.parseInt(m.group(1));
    }
    return total;
  }

  static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return CLIENT.send(
        request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(server.base() + path));
  }

  /** Last: both workers time out, so passive health keeps them out for fail-timeout after. */
  @Test
  @Order(9)
  void r4_aWorkerSlowerThanTheResponseTimeoutGets504() throws Exception {
    HttpResponse<String> response = send(request("/delay?ms=5000"));
    assertEquals(504, response.statusCode(), response.body());
    assertTrue(response.body().startsWith("gateway timeout"), response.body());
  }

  @Test
  @Order(1)
  void r6_aBodyOverTheLimitGets413BeforeAnyWorkerSeesIt() throws Exception {
    String declared =
        statusLineAfterSending(
            "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 2097152\r\n\r\n", 0);
    assertTrue(declared.startsWith("HTTP/1.1 413"), "without reading the body: " + declared);

    String chunked =
        statusLineAfterSending(
            "POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", 24);
    assertTrue(chunked.startsWith("HTTP/1.1 413"), "once over the limit: " + chunked);

    HttpResponse<String> small =
        send(request("/upload").POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1000])));
    assertEquals(200, small.statusCode(), small.body());
    assertTrue(small.body().contains("\"bytes\":1000"), small.body());
  }

  /** Sends a request head, then {@code chunks} chunks of 64 KiB, and reads the status line. */
  static String statusLineAfterSending(String head, int chunks) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port)) {
      socket.setSoTimeout(10_000);
      var out = socket.getOutputStream();
      out.write(head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      byte[] chunk = new byte[64 * 1024];
      for (int i = 0; i < chunks; i++) {
        out.write(("10000\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        out.write(chunk);
        out.write("\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      }
      out.flush();
      var in =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(
                  socket.getInputStream(), java.nio.charset.StandardCharsets.ISO_8859_1));
      return in.readLine();
    }
  }

  @Test
  @Order(2)
  void r5_aPostThatReachedAWorkerIsNeverSentToASecondOne() throws Exception {
    int before = restarts();
    HttpResponse<String> response =
        send(request("/crash?code=3").POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(502, response.statusCode(), response.body());
    Http.await(
        () -> restarts() == before + 1 && readyWorkers() == 2, Duration.ofSeconds(30), "restart");
    Thread.sleep(500); // a second, wrongly retried crash would show up as one more restart
    assertEquals(before + 1, restarts(), "only the worker that got the POST crashed");
  }

  @Test
  @Order(3)
  void r5_getsKeepSucceedingWhileWorkersAreKilled() throws Exception {
    Http.await(() -> readyWorkers() == 2, Duration.ofSeconds(30), "two workers ready");
    AtomicInteger failures = new AtomicInteger();
    int requests = 0;
    long end = System.nanoTime() + Duration.ofSeconds(4).toNanos();
    long nextKill = System.nanoTime();
    while (System.nanoTime() < end) {
      if (System.nanoTime() >= nextKill) {
        Http.workers(Http.details(server.base())).values().stream()
            .filter(w -> w.pid() > 0)
            .findFirst()
            .flatMap(w -> ProcessHandle.of(w.pid()))
            .ifPresent(ProcessHandle::destroyForcibly);
        nextKill = System.nanoTime() + Duration.ofSeconds(1).toNanos();
      }
      HttpResponse<String> response = send(request("/chaos-get?i=" + requests));
      requests++;
      if (response.statusCode() != 200) {
        failures.incrementAndGet();
        System.out.println("failed: " + response.statusCode() + " " + response.body());
      }
    }
    System.out.printf(
        "FIGURE GETs while killing a worker every second: %d, failed %d%n",
        requests, failures.get());
    assertTrue(requests > 20, "enough requests: " + requests);
    assertEquals(0, failures.get());
  }

  // ---- R11: idle timeouts and bodies cut short ---------------------------------------------

  /** Sends {@code request} on a raw socket and reads until the server closes (or 10 s pass). */
  static String untilClosed(String request) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  @Order(4)
  void r11_aWorkerThatDiesMidBodyCutsTheClientsConnectionInsteadOfEndingTheBody() throws Exception {
    String answer = untilClosed("GET /cut?after=1000 HTTP/1.1\r\nHost: x\r\n\r\n");

    assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
    assertEquals(1000, answer.chars().filter(c -> c == 'x').count(), answer);
    assertFalse(answer.endsWith("0\r\n\r\n"), "no last chunk: the body must not look whole");
    Http.await(() -> readyWorkers() == 2, Duration.ofSeconds(30), "the crashed worker is back");
  }

  @Test
  @Order(5)
  void r11_aWorkerSilentForTheReadTimeoutMidBodyIsCutOff() throws Exception {
    long started = System.nanoTime();
    String answer = untilClosed("GET /cut?after=1000&then=hang HTTP/1.1\r\nHost: x\r\n\r\n");
    long millis = (System.nanoTime() - started) / 1_000_000;

    assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
    assertFalse(answer.endsWith("0\r\n\r\n"), "no last chunk: the body must not look whole");
    assertTrue(millis >= 1_900 && millis < 8_000, "cut after the 2 s read timeout: " + millis);
  }

  @Test
  @Order(6)
  void r11_theReadTimeoutIsBetweenTwoReadsNotOverTheWholeResponse() throws Exception {
    HttpResponse<String> events = send(request("/sse?count=4&interval=1000"));

    assertEquals(200, events.statusCode(), events.body());
    assertEquals(4, events.body().split("\n\n").length, "4 events over 4 s: " + events.body());
  }

  @Test
  @Order(7)
  void r11_anUploadThatKeepsMovingOutlastsBothTimeouts() throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port)) {
      socket.setSoTimeout(10_000);
      var out = socket.getOutputStream();
      out.write(
          "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n"
              .getBytes(StandardCharsets.ISO_8859_1));
      for (int i = 0; i < 5; i++) {
        out.write(new byte[1000]);
        out.flush();
        Thread.sleep(800); // 4 s in all: longer than response-timeout, each gap under read-timeout
      }
      var in =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      String status = in.readLine();
      assertTrue(status.startsWith("HTTP/1.1 200"), status);
    }
  }

  @Test
  @Order(8)
  void r11_aClientThatStopsSendingItsBodyGets408() throws Exception {
    long started = System.nanoTime();
    String status =
        statusLineAfterSending(
            "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n"
                + "only part of the body",
            0);
    long millis = (System.nanoTime() - started) / 1_000_000;

    assertTrue(status.startsWith("HTTP/1.1 408"), status);
    assertTrue(millis >= 1_900, "after the 2 s read timeout: " + millis);
  }
}
