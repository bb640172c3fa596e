package dev.fleetgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Request ids and the JSON access log on a real Payara Micro with two sample workers (chaos on),
 * 127.0.0.1 the one trusted proxy, the access log in a file of its own rotated at 4 KiB: the
 * client, the worker, the access log and the proxy's warnings see the same id, on both request
 * paths; a client's id is kept only from the trusted address; no access line is lost to rotation.
 */
class RequestIdsIT {
  static final Set<String> FIELDS =
      Set.of(
          "time",
          "request_id",
          "client",
          "method",
          "path",
          "status",
          "bytes_in",
          "bytes_out",
          "app",
          "worker",
          "upstream_ms",
          "total_ms",
          "retries",
          "protocol",
          "tls");

  /** A body over the fast path's 16 KiB: such a request takes the asynchronous path. */
  static final byte[] LARGE_BODY = new byte[20 * 1024];

  static MicroProcess server;
  static Path logDir;

  /** HTTP/1.1: the JDK's default would ask for h2c, and such a request skips the fast path. */
  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @BeforeAll
  static void start() throws Exception {
    Path workDir = Path.of(System.getProperty("java.io.tmpdir"), "request-ids-it");
    logDir = workDir.resolve("logs");
    server =
        MicroProcess.start(
            workDir,
            Map.of(
                "FLEETGATE_WORKERS_COUNT", "2",
                "FLEETGATE_WORKERS_BASE_PORT", "23670",
                "FLEETGATE_WORKERS_ENV", "SAMPLE_WORKER_CHAOS=true",
                "FLEETGATE_PROXY_TRUSTED_PROXIES", "127.0.0.1",
                "FLEETGATE_PROXY_ACCESS_LOG", "true",
                "FLEETGATE_PROXY_ACCESS_LOG_FORMAT", "json",
                "FLEETGATE_PROXY_ACCESS_LOG_FILE", logDir.resolve("access.log").toString(),
                "FLEETGATE_PROXY_ACCESS_LOG_MAX_SIZE", "4K",
                "FLEETGATE_PROXY_ACCESS_LOG_MAX_FILES", "200"),
            List.of());
    awaitTwoReadyWorkers();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static void awaitTwoReadyWorkers() {
    Http.await(
        () -> Http.readyWorkers(server.base()) == 2, Duration.ofSeconds(180), "two workers ready");
  }

  static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return CLIENT.send(
        request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(server.base() + path));
  }

  static JsonObject json(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  /** The id the client got, checked to be one the proxy made. */
  static String generatedId(HttpResponse<?> response) {
    String id = response.headers().firstValue("X-Request-Id").orElseThrow();
    assertTrue(id.matches("[0-9a-f]{32}"), id);
    return id;
  }

  /** The X-Request-Id values the worker saw, from its /headers answer. */
  static List<String> seenByTheWorker(String headersAnswer) {
    String body = headersAnswer.substring(headersAnswer.indexOf('{'));
    body = body.substring(0, body.lastIndexOf('}') + 1); // a chunked body's framing left out
    return json(body).getJsonArray("x-request-id").getValuesAs(JsonString.class).stream()
        .map(JsonString::getString)
        .toList();
  }

  // ---- the access log file --------------------------------------------------------------------

  /** Every line of every access log file, parsed; a file renamed while read: read all again. */
  static List<JsonObject> accessLines() {
    while (true) {
      try (Stream<Path> files = Files.list(logDir)) {
        List<JsonObject> lines = new ArrayList<>();
        for (Path file :
            files.filter(f -> f.getFileName().toString().matches("access\\.log\\.\\d+")).toList()) {
          for (String line : Files.readAllLines(file)) {
            lines.add(json(line));
          }
        }
        return lines;
      } catch (NoSuchFileException rotatedMeanwhile) {
        // again
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The access line of the request with this id, once it was written. */
  static JsonObject accessLine(String id) {
    AtomicReference<JsonObject> found = new AtomicReference<>();
    Http.await(
        () -> {
          try {
            accessLines().stream()
                .filter(line -> id.equals(line.getString("request_id", null)))
                .findFirst()
                .ifPresent(found::set);
          } catch (RuntimeException lineBeingWritten) {
            // a line cut in the middle of its write: read again
          }
          return found.get() != null;
        },
        Duration.ofSeconds(10),
        "an access log line with request_id " + id);
    JsonObject line = found.get();
    assertEquals(FIELDS, line.keySet(), line.toString());
    return line;
  }

  /** A line of a proxied request over plain HTTP/1.1, as every one of this test is. */
  static void assertProxied(JsonObject line, String method, String path, int status) {
    assertEquals(method, line.getString("method"), line.toString());
    assertEquals(path, line.getString("path"), line.toString());
    assertEquals(status, line.getInt("status"), line.toString());
    assertEquals("127.0.0.1", line.getString("client"), line.toString());
    assertEquals("HTTP/1.1", line.getString("protocol"), line.toString());
    assertEquals(JsonValue.NULL, line.get("tls"), "no TLS: " + line);
    assertTrue(
        line.getString("time").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
        line.toString());
    assertEquals(0, line.getInt("retries"), line.toString());
  }

  // ---- one id for the client, the worker and the access log -----------------------------------

  @Test
  void r18_theFastPathsClientWorkerAndAccessLogSeeTheSameId() throws Exception {
    HttpResponse<String> response = send(request("/headers?via=fast"));

    assertEquals(200, response.statusCode(), response.body());
    String id = generatedId(response);
    assertEquals(List.of(id), seenByTheWorker(response.body()));
    JsonObject line = accessLine(id);
    assertProxied(line, "GET", "/headers?via=fast", 200);
    assertEquals(0, line.getJsonNumber("bytes_in").longValue());
    assertEquals(response.body().length(), line.getJsonNumber("bytes_out").longValue());
    assertTrue(line.getInt("worker") >= 0 && line.getJsonNumber("upstream_ms").longValue() >= 0);
  }

  @Test
  void r18_theAsynchronousPathsClientWorkerAndAccessLogSeeTheSameId() throws Exception {
    HttpResponse<String> response =
        send(
            request("/headers?via=async").POST(HttpRequest.BodyPublishers.ofByteArray(LARGE_BODY)));

    assertEquals(200, response.statusCode(), response.body());
    String id = generatedId(response);
    assertEquals(List.of(id), seenByTheWorker(response.body()));
    JsonObject line = accessLine(id);
    assertProxied(line, "POST", "/headers?via=async", 200);
    assertTrue(line.getJsonNumber("bytes_out").longValue() > 0, line.toString());
  }

  // ---- a client's id: kept from the trusted proxy only ----------------------------------------

  /** A GET of /headers with {@code X-Request-Id: id}, sent from {@code localAddress}. */
  static String getHeadersFrom(String localAddress, String id) throws IOException {
    return getHeaders(localAddress, "X-Request-Id: " + id + "\r\n");
  }

  /** A GET of /headers with {@code headers} (each line ending in CRLF), read to the close. */
  static String getHeaders(String localAddress, String headers) throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(localAddress, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", server.port), 5_000);
      socket.setSoTimeout(20_000);
      socket
          .getOutputStream()
          .write(
              ("GET /headers HTTP/1.1\r\nHost: x\r\n" + headers + "Connection: close\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** The answer's X-Request-Id values. */
  static List<String> answeredIds(String answer) {
    List<String> ids = new ArrayList<>();
    for (String line : answer.substring(0, answer.indexOf("\r\n\r\n")).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("x-request-id:")) {
        ids.add(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return ids;
  }

  @Test
  void r18_anIdFromAnUntrustedAddressIsReplacedBeforeTheWorkerSeesIt() throws Exception {
    String answer = getHeadersFrom("127.0.0.2", "chosen-by-the-client");

    assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
    List<String> ids = answeredIds(answer);
    assertEquals(1, ids.size(), answer);
    assertNotEquals("chosen-by-the-client", ids.get(0));
    assertTrue(ids.get(0).matches("[0-9a-f]{32}"), answer);
    assertEquals(ids, seenByTheWorker(answer), "the worker got the proxy's id, not the client's");
    assertEquals("127.0.0.2", accessLine(ids.get(0)).getString("client"));
  }

  @Test
  void r18_anIdFromTheTrustedProxyIsKept() throws Exception {
    String answer = getHeadersFrom("127.0.0.1", "trace-4bf92f3577b34da6");

    assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
    assertEquals(List.of("trace-4bf92f3577b34da6"), answeredIds(answer));
    assertEquals(List.of("trace-4bf92f3577b34da6"), seenByTheWorker(answer));
    assertProxied(accessLine("trace-4bf92f3577b34da6"), "GET", "/headers", 200);
  }

  @Test
  void r18_aMalformedIdFromTheTrustedProxyIsReplaced() throws Exception {
    String answer = getHeadersFrom("127.0.0.1", "two words");

    List<String> ids = answeredIds(answer);
    assertTrue(ids.size() == 1 && ids.get(0).matches("[0-9a-f]{32}"), answer);
    assertEquals(ids, seenByTheWorker(answer));
  }

  @Test
  void r18_anUpgradeCarriesItsIdToTheWorkerAndBack() throws Exception {
    // The sample worker declines a WebSocket upgrade with its usual answer: the upgrade path's.
    String answer =
        getHeaders(
            "127.0.0.1",
            "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");

    assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
    List<String> ids = answeredIds(answer);
    assertTrue(ids.size() == 1 && ids.get(0).matches("[0-9a-f]{32}"), answer);
    assertEquals(ids, seenByTheWorker(answer));
    assertProxied(accessLine(ids.get(0)), "GET", "/headers", 200);
  }

  // ---- the proxy's own answers ----------------------------------------------------------------

  @Test
  void r18_a502CarriesTheIdThatTheProxysWarningNames() throws Exception {
    // A worker that dies on a POST it got: 502 (never sent to a second worker), on each path.
    HttpResponse<String> fast =
        send(request("/crash?code=3").POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(502, fast.statusCode(), fast.body());
    String fastId = generatedId(fast);
    awaitWarningNaming(fastId);
    assertProxied(accessLine(fastId), "POST", "/crash?code=3", 502);
    awaitTwoReadyWorkers();

    HttpResponse<String> async =
        send(request("/crash?code=3").POST(HttpRequest.BodyPublishers.ofByteArray(LARGE_BODY)));
    assertEquals(502, async.statusCode(), async.body());
    String asyncId = generatedId(async);
    awaitWarningNaming(asyncId);
    assertProxied(accessLine(asyncId), "POST", "/crash?code=3", 502);
    awaitTwoReadyWorkers();
  }

  /** The server log's record that names request {@code id}: a WARNING of the proxy. */
  static void awaitWarningNaming(String id) {
    String named = "(request id " + id + ")";
    server.awaitLog(named, Duration.ofSeconds(10));
    String log = server.log();
    int at = log.indexOf(named);
    assertTrue(at >= 0, "no log record names request " + id);
    // Payara may put a record's message on a line of its own: the record starts at a "[".
    String record = log.substring(log.lastIndexOf("\n[", at) + 1, at + named.length());
    assertTrue(record.contains("WARNING") && record.contains("/crash failed on worker"), record);
  }

  // ---- rotation -------------------------------------------------------------------------------

  @Test
  void r9_theJsonAccessLogRotatesWithoutLosingALine() throws Exception {
    int requests = 60;
    for (int i = 0; i < requests; i++) {
      assertEquals(200, send(request("/rotation?i=" + i)).statusCode());
    }

    AtomicReference<List<JsonObject>> rotation = new AtomicReference<>(List.of());
    Http.await(
        () -> {
          try {
            rotation.set(
                accessLines().stream()
                    .filter(line -> line.getString("path").startsWith("/rotation?i="))
                    .toList());
          } catch (RuntimeException lineBeingWritten) {
            return false;
          }
          return rotation.get().size() >= requests;
        },
        Duration.ofSeconds(10),
        requests + " access lines of /rotation");

    Set<String> paths = new TreeSet<>();
    for (JsonObject line : rotation.get()) {
      assertEquals(FIELDS, line.keySet(), line.toString());
      assertProxied(line, "GET", line.getString("path"), 200);
      assertTrue(line.getJsonNumber("bytes_out").longValue() > 0, line.toString());
      paths.add(line.getString("path"));
    }
    assertEquals(requests, rotation.get().size(), "one line per request, none twice");
    assertEquals(requests, paths.size(), "every request has its line");
    long files;
    try (Stream<Path> all = Files.list(logDir)) {
      files = all.filter(f -> f.getFileName().toString().matches("access\\.log\\.\\d+")).count();
    }
    System.out.printf(
        "FIGURE %d access lines of /rotation in %d files of 4 KiB%n", requests, files);
    assertTrue(files > 2, "rotated: " + files + " files");
  }
}
