package dev.fleetgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTPS on the front door (dev.fleetgate.frontdoor.tls, dev.fleetgate.proxy.tls) on a real Payara
 * Micro: a self-signed certificate made here with openssl, HTTP/2 chosen by ALPN for curl and the
 * JDK client, 1 GiB and 200 MiB down and 200 MiB up over it (256 MiB heap), the certificate renewed
 * on disk and served to the next connection without a restart, plain HTTP redirected, and a key
 * that does not match refused at start.
 */
class TlsIT {
  static final long BIG = 200L << 20;
  static final long GIB = 1L << 30;
  static final Path CERTS = Path.of(System.getProperty("java.io.tmpdir"), "tls-it-certs");
  static MicroProcess server;
  static int tlsPort;
  static Path certificate;
  static Path key;
  static HttpClient h2;

  @BeforeAll
  static void start() throws Exception {
    Files.createDirectories(CERTS);
    certificate = CERTS.resolve("fullchain.pem");
    key = CERTS.resolve("privkey.pem");
    Certificates.selfSigned(certificate, key);
    Files.deleteIfExists(CERTS.resolve("access.log.0"));
    tlsPort = freePort();
    server =
        MicroProcess.start(
            Path.of(System.getProperty("java.io.tmpdir"), "tls-it"),
            Map.of(
                "FLEETGATE_WORKERS_COUNT", "1",
                "FLEETGATE_WORKERS_BASE_PORT", "23650",
                "FLEETGATE_TLS_PORT", Integer.toString(tlsPort),
                "FLEETGATE_TLS_CERTIFICATE", certificate.toString(),
                "FLEETGATE_TLS_KEY", key.toString(),
                "FLEETGATE_TLS_WATCH_INTERVAL", "1s",
                "FLEETGATE_TLS_REDIRECT_HTTP", "true",
                "FLEETGATE_PROXY_ACCESS_LOG", "true",
                "FLEETGATE_PROXY_ACCESS_LOG_FORMAT", "json",
                "FLEETGATE_PROXY_ACCESS_LOG_FILE", CERTS.resolve("access.log").toString()),
            List.of("-Xmx256m", "-Dfleetgate.proxy.max-body-size=0"));
    // Awaited with a client of its own: the JDK client remembers a server whose TLS failed (the
    // listener refuses handshakes until Fleetgate has started) as one without HTTP/2.
    HttpClient waiting = client();
    Http.await(
        () -> helloStatus(waiting) == 200, Duration.ofSeconds(180), "a worker answering over TLS");
    h2 = client();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void t6_alpnChoosesHttp2ForTheJdkClientAndForCurl() throws Exception {
    HttpResponse<String> response = h2.send(get("/hello"), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    assertEquals(HttpClient.Version.HTTP_2, response.version());
    assertTrue(response.body().contains("\"xForwardedProto\":\"https\""), response.body());
    assertEquals("2", curl("--http2", "-o", "/dev/null", "-w", "%{http_version}", https("/hello")));
    assertEquals(
        "1.1", curl("--http1.1", "-o", "/dev/null", "-w", "%{http_version}", https("/hello")));
  }

  @Test
  void t6_aGibAndTwoHundredMibGoDownAndTwoHundredMibUpOverHttp2ByteExact() throws Exception {
    // Down: 1 GiB by curl, then 200 MiB by the JDK client.
    assertEquals(
        "2 " + GIB,
        curl(
            "--http2",
            "-o",
            "/dev/null",
            "-w",
            "%{http_version} %{size_download}",
            https("/stream?bytes=" + GIB)));
    HttpResponse<InputStream> down =
        h2.send(get("/stream?bytes=" + BIG), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(HttpClient.Version.HTTP_2, down.version());
    assertEquals(BIG, drain(down.body()));

    // Up: a file by curl, a generated stream by the JDK client; the worker answers the SHA-256.
    Path file = CERTS.resolve("upload.bin");
    String expected = writePattern(file, BIG);
    String curlAnswer =
        curl(
            "--http2",
            "-H",
            "Content-Type: application/octet-stream",
            "--data-binary",
            "@" + file,
            https("/upload"));
    assertTrue(curlAnswer.contains(expected), curlAnswer);
    assertTrue(curlAnswer.contains(Long.toString(BIG)), curlAnswer);
    Files.delete(file);
    HttpResponse<String> up =
        h2.send(
            HttpRequest.newBuilder(URI.create(https("/upload")))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new PatternStream(BIG)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(HttpClient.Version.HTTP_2, up.version());
    assertTrue(up.body().contains(expected), up.body());
    assertTrue(server.process.isAlive(), "the server survived");
  }

  @Test
  void t4_aRenewedCertificateIsServedWithoutARestartOrADroppedConnection() throws Exception {
    BigInteger before = Certificates.servedSerial(tlsPort);
    assertEquals(Certificates.read(certificate).getSerialNumber(), before);
    assertEquals(200, h2.send(get("/hello"), HttpResponse.BodyHandlers.ofString()).statusCode());

    // As certbot renews: new files written beside, then moved over the names the server reads.
    Path newCertificate = CERTS.resolve("new-fullchain.pem");
    Path newKey = CERTS.resolve("new-privkey.pem");
    Certificates.selfSigned(newCertificate, newKey);
    BigInteger renewed = Certificates.read(newCertificate).getSerialNumber();
    Files.move(newKey, key, StandardCopyOption.REPLACE_EXISTING);
    Files.move(newCertificate, certificate, StandardCopyOption.REPLACE_EXISTING);

    Http.await(
        () -> {
          try {
            return Certificates.servedSerial(tlsPort).equals(renewed);
          } catch (Exception e) {
            return false;
          }
        },
        Duration.ofSeconds(20),
        "the renewed certificate served to a new connection");
    assertNotEquals(before, renewed);
    // The client's HTTP/2 connection, opened under the old certificate, still serves requests.
    assertEquals(200, h2.send(get("/hello"), HttpResponse.BodyHandlers.ofString()).statusCode());
    assertTrue(server.log().contains("renewed certificate in use"), "the renewal is logged");
  }

  @Test
  void t7_plainHttpIsRedirectedToTheSameUrlOverHttps() throws Exception {
    String get =
        Http.raw(
            "127.0.0.1",
            server.port,
            "GET /a/b?c=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    assertTrue(get.startsWith("HTTP/1.1 301"), get);
    assertTrue(get.contains("Location: https://127.0.0.1:" + tlsPort + "/a/b?c=1"), get);
    String post =
        Http.raw(
            "127.0.0.1",
            server.port,
            "POST /form HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    assertTrue(post.startsWith("HTTP/1.1 308"), post);
    // Payara's own health endpoint stays on plain HTTP, for probes.
    assertEquals(200, Http.status(server.base(), "/health/ready"));
  }

  @Test
  void theAccessLogSaysHttp2AndTheTlsVersion() throws Exception {
    h2.send(get("/hello?logged=1"), HttpResponse.BodyHandlers.ofString());
    Path log = CERTS.resolve("access.log.0");
    Http.await(
        () -> lines(log).stream().anyMatch(l -> l.contains("logged=1")),
        Duration.ofSeconds(10),
        "the access line");
    JsonObject line =
        lines(log).stream()
            .filter(l -> l.contains("logged=1"))
            .map(l -> Json.createReader(new StringReader(l)).readObject())
            .findFirst()
            .orElseThrow();
    assertEquals("HTTP/2.0", line.getString("protocol"));
    assertEquals("TLSv1.3", line.getString("tls"));
    assertEquals(200, line.getInt("status"));
  }

  /**
   * T1: a TLS 1.2 client may not ask for handshake after handshake on one connection (each costs
   * the server a signature), as nginx refuses; the server serves on.
   */
  @Test
  void t1_aClientInitiatedRenegotiationIsRefused() throws Exception {
    Path output = CERTS.resolve("s_client.out");
    Process openssl =
        new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + tlsPort, "-tls1_2")
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    try (OutputStream typed = openssl.getOutputStream()) {
      typed.write("R\n".getBytes(StandardCharsets.US_ASCII)); // s_client: renegotiate
      typed.flush();
      Thread.sleep(2_000);
      typed.write(
          "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      typed.flush();
      Thread.sleep(2_000);
    } catch (IOException closedByTheServer) {
      // the connection is gone, as it should be
    }
    openssl.destroy();
    assertTrue(openssl.waitFor(10, TimeUnit.SECONDS));
    String said = Files.readString(output, StandardCharsets.ISO_8859_1);
    assertTrue(said.contains("RENEGOTIATING"), said);
    assertFalse(said.contains("HTTP/1.1 200"), "nothing served after a renegotiation:\n" + said);
    assertEquals(200, h2.send(get("/hello"), HttpResponse.BodyHandlers.ofString()).statusCode());
  }

  /**
   * R13 over HTTP/2: a head that HTTP/1.1 text cannot carry is refused (400, or the stream reset by
   * the container) and never reaches the worker, whose connections go on answering each request
   * with its own answer. Written by Debian's Python h2 with its checks off (no Java client sends
   * these); a space in :path smuggled a second request into the worker's connection before.
   */
  @Test
  void r13_hostileHttp2HeadsAreRefusedAndNeverReachTheWorker() throws Exception {
    List<String> hostile =
        List.of(
            "space-in-path",
            "space-only-in-path",
            "cr-in-path",
            "dot-segment-in-path",
            "encoded-slash-in-path",
            "space-in-method",
            "colon-in-name",
            "name-with-colon",
            "name-with-space",
            "crlf-in-value",
            "nul-in-value",
            "space-in-authority",
            "body-longer-than-content-length",
            "body-shorter-than-content-length",
            "two-content-lengths",
            "transfer-encoding-and-content-length",
            "connection-specific-header");
    List<String> cases = new ArrayList<>(hostile);
    cases.add("well-formed");
    Map<String, JsonObject> answers = hostileHeads(cases);

    for (String name : hostile) {
      JsonObject answer = answers.get(name);
      boolean refused =
          answer.getBoolean("reset")
              || (!answer.isNull("status") && answer.getInt("status") == 400);
      assertTrue(refused, name + " is refused: " + answer);
      String body = answer.getString("body");
      assertFalse(body.contains("injected") || body.contains("smuggled"), name + ": " + body);
    }
    JsonObject wellFormed = answers.get("well-formed");
    assertEquals(200, wellFormed.getInt("status"), wellFormed.toString());
    assertTrue(wellFormed.getString("body").contains("\"x-forwarded-proto\":[\"https\"]"));
    for (int i = 0; i < 20; i++) {
      String body = h2.send(get("/hello?n=" + i), HttpResponse.BodyHandlers.ofString()).body();
      assertTrue(body.contains("\"query\":\"n=" + i + "\""), "request " + i + " got " + body);
    }
  }

  /** Runs the hostile-heads script on the named cases: its answer to each, by name. */
  private static Map<String, JsonObject> hostileHeads(List<String> cases) throws Exception {
    Path script = CERTS.resolve("hostile-heads.py");
    try (InputStream in = TlsIT.class.getResourceAsStream("/h2/hostile-heads.py")) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script.toString()));
    command.add(Integer.toString(tlsPort));
    command.addAll(cases);
    Process python = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(python.waitFor(120, TimeUnit.SECONDS), "the script ends");
    assertEquals(0, python.exitValue(), "the script ran (Debian's python3-h2):\n" + output);
    Map<String, JsonObject> answers = new HashMap<>();
    for (String line : output.split("\n")) {
      JsonObject answer = Json.createReader(new StringReader(line)).readObject();
      answers.put(answer.getString("case"), answer);
    }
    assertEquals(new HashSet<>(cases), answers.keySet(), output);
    return answers;
  }

  @Test
  void t2_aKeyThatDoesNotMatchItsCertificateRefusesTheStart() throws Exception {
    Path otherCertificate = CERTS.resolve("other.pem");
    Path otherKey = CERTS.resolve("other-key.pem");
    Certificates.selfSigned(otherCertificate, otherKey);
    try (MicroProcess refused =
        MicroProcess.start(
            Path.of(System.getProperty("java.io.tmpdir"), "tls-it-refused"),
            Map.of(
                "FLEETGATE_WORKERS_COUNT", "1",
                "FLEETGATE_WORKERS_BASE_PORT", "23655",
                "FLEETGATE_TLS_PORT", Integer.toString(freePort()),
                "FLEETGATE_TLS_CERTIFICATE", certificate.toString(),
                "FLEETGATE_TLS_KEY", otherKey.toString()),
            List.of())) {
      assertTrue(refused.process.waitFor(180, TimeUnit.SECONDS), "the server ends by itself");
      assertEquals(1, refused.process.exitValue());
      String log = refused.log();
      assertTrue(
          log.contains("fleetgate.tls.key='" + otherKey + "'")
              && log.contains("does not match the certificate"),
          "the refusal names the key and the file");
    }
  }

  private static HttpClient client() throws Exception {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_2)
        .sslContext(Certificates.trusting(certificate))
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private static int helloStatus(HttpClient client) {
    try {
      return client.send(get("/hello"), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private static HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create(https(path))).timeout(Duration.ofSeconds(60)).build();
  }

  private static String https(String path) {
    return "https://127.0.0.1:" + tlsPort + path;
  }

  /** curl trusting the test's certificate; its standard output, trimmed. */
  private static String curl(String... arguments) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of("curl", "-sS", "--max-time", "120", "--cacert", certificate.toString()));
    command.addAll(List.of(arguments));
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(process.getInputStream().readAllBytes()).trim();
    assertTrue(process.waitFor(150, TimeUnit.SECONDS), "curl ended");
    assertEquals(0, process.exitValue(), "curl " + arguments[arguments.length - 1] + ": " + out);
    return out;
  }

  private static long drain(InputStream in) throws IOException {
    long total = 0;
    byte[] buffer = new byte[64 * 1024];
    try (in) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
      }
    }
    return total;
  }

  /** Writes {@code size} bytes of the upload pattern and returns their SHA-256 in hex. */
  private static String writePattern(Path file, long size) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new PatternStream(size);
        OutputStream out = Files.newOutputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        sha.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static List<String> lines(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** {@code size} bytes of a repeating 251-byte pattern, the same every time. */
  private static final class PatternStream extends InputStream {
    private final long size;
    private long position;

    PatternStream(long size) {
      this.size = size;
    }

    @Override
    public int read() {
      return position < size ? (int) (position++ % 251) : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (position >= size) {
        return -1;
      }
      int n = (int) Math.min(length, size - position);
      for (int i = 0; i < n; i++) {
        buffer[offset + i] = (byte) ((position + i) % 251);
      }
      position += n;
      return n;
    }
  }
}
