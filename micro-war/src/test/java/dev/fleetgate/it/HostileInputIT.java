package dev.fleetgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input, as raw bytes over sockets, against a real Payara Micro with two sample workers
 * that log every request they get ({@code SAMPLE_WORKER_ACCESS_LOG=true}).
 *
 * <ul>
 *   <li>H1 A request whose framing is ambiguous or malformed — {@code Transfer-Encoding} before a
 *       {@code Content-Length}, two different {@code Content-Length}s, a list as {@code
 *       Content-Length}, malformed chunk sizes, an unknown transfer coding, two {@code Host}s —
 *       gets a 4xx (501 for the transfer coding), and the connection is closed.
 *   <li>H2 Oversized request line, oversized header, too many headers: 4xx or a closed connection.
 *   <li>H3 A header value with CR, LF or NUL: 400; a worker never gets such a value.
 *   <li>H4 {@code CONNECT} and the asterisk form ({@code OPTIONS *}, {@code GET *}): 4xx.
 *   <li>H5 What RFC 9112 tells a server to accept is accepted safely: an obs-fold is unfolded to
 *       one space (or refused), an absolute-form target reaches a worker as origin-form (the proxy
 *       never connects anywhere but to a worker), an {@code Upgrade} to a protocol the worker does
 *       not speak gets the worker's own answer and no tunnel.
 *   <li>H6 Requests that stall mid-body, mid-chunk or mid-headers (slowloris) hold nothing others
 *       need: other clients are served meanwhile.
 *   <li>H7 After each, the server serves the next request, and no worker ever received a request
 *       smuggled behind a hostile one (checked in the workers' access logs).
 *   <li>H8 {@code Content-Length} before {@code Transfer-Encoding} (CL.TE), in every spelling of
 *       {@code chunked}, on the proxy and on Payara's own endpoints: 400, the connection closed,
 *       nothing smuggled. The front door refuses it ahead of the container's parser.
 *   <li>H9 Chunk lines end in CRLF, or the request is refused; chunk extensions are ignored.
 *   <li>H10 Refusals leave no memory: 10,000 of them from one address, then 1,000 valid requests on
 *       new connections from it, get no false 400.
 *   <li>H11 A request head must complete within {@code fleetgate.http.header-timeout}; slow heads
 *       are closed, and no more than {@code fleetgate.http.max-unfinished-heads} stay open.
 *   <li>H12 Dot segments and encoded slashes in a path are refused before routing; {@code HTTP/2.0}
 *       in a request line gets 505; {@code Expect: 100-continue} over the body limit gets 413 with
 *       no 100 before it.
 * </ul>
 */
class HostileInputIT {
  static final Duration HEAD_TIMEOUT = Duration.ofSeconds(10);
  static final int MAX_UNFINISHED_HEADS = 200;
  static MicroProcess server;
  static Path logs;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "hostile-input-it");
    server =
        MicroProcess.start(
            dir,
            Map.of(
                "FLEETGATE_WORKERS_COUNT", "2",
                "FLEETGATE_WORKERS_BASE_PORT", "23500",
                "FLEETGATE_WORKERS_ENV", "SAMPLE_WORKER_ACCESS_LOG=true",
                "FLEETGATE_PROXY_MAX_BODY_SIZE", "1M",
                "FLEETGATE_HTTP_HEADER_TIMEOUT", HEAD_TIMEOUT.toSeconds() + "s",
                "FLEETGATE_HTTP_MAX_UNFINISHED_HEADS", Integer.toString(MAX_UNFINISHED_HEADS)),
            List.of());
    logs = dir.resolve("state").resolve("logs");
    Http.await(
        () -> Http.readyWorkers(server.base()) == 2, Duration.ofSeconds(180), "two workers ready");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  /** H7: whatever a test sent, the server still serves a plain request afterwards. */
  @AfterEach
  void theServerKeepsServing() {
    assertEquals(200, Http.status(server.base(), "/still-serving"), "served after the test");
  }

  static final String SMUGGLED = "GET /smuggled-%s HTTP/1.1\r\nHost: x\r\n\r\n";

  static Stream<Arguments> ambiguousFraming() {
    return Stream.of(
        Arguments.of(
            "chunked-then-length",
            "POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                + "Content-Length: 60\r\n\r\n0\r\n\r\n",
            Set.of(400)),
        Arguments.of(
            "two-lengths",
            "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 43\r\n\r\n"
                + "hello",
            Set.of(400)),
        Arguments.of(
            "length-list",
            "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5, 43\r\n\r\nhello",
            Set.of(400)),
        Arguments.of(
            "chunk-size-not-hex",
            "POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "zz\r\nhello\r\n0\r\n\r\n",
            Set.of(400)),
        Arguments.of(
            "chunk-size-negative",
            "POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "-5\r\nhello\r\n0\r\n\r\n",
            Set.of(400)),
        Arguments.of(
            "chunk-size-overflowing",
            "POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "10000000000000005\r\nhello\r\n0\r\n\r\n",
            Set.of(400)),
        Arguments.of(
            "unknown-transfer-coding",
            "POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n",
            Set.of(501)),
        Arguments.of(
            "two-transfer-codings",
            "POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                + "0\r\n\r\n",
            Set.of(400, 501)),
        Arguments.of(
            "space-before-colon",
            "POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\n"
                + "Content-Length: 3\r\n\r\n0\r\n\r\n",
            Set.of(400)),
        Arguments.of(
            "two-hosts", "GET /two-hosts HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", Set.of(400)),
        Arguments.of(
            "cr-in-value", "GET /cr HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n", Set.of(400)),
        Arguments.of(
            "lf-in-value", "GET /lf HTTP/1.1\r\nHost: x\r\nX-A: a\nb\r\n\r\n", Set.of(400)),
        Arguments.of(
            "nul-in-value", "GET /nul HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n", Set.of(400)),
        Arguments.of(
            "cr-in-upgrade-handshake",
            "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "X-A: a\rb\r\n\r\n",
            Set.of(400)));
  }

  /** H1, H3, H7. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("ambiguousFraming")
  void aRequestWithAmbiguousFramingIsRefusedAndNothingBehindItReachesAWorker(
      String name, String request, Set<Integer> expected) throws Exception {
    String marker = name + "-" + UUID.randomUUID().toString().substring(0, 8);
    RawHttp.Answer answer = RawHttp.send(server.port, request + SMUGGLED.formatted(marker));

    assertTrue(expected.contains(answer.firstStatus()), "status: " + answer);
    assertEquals(1, answer.statuses().size(), "one answer, none for the smuggled one: " + answer);
    assertTrue(answer.closed(), "the connection is closed after the refusal: " + answer);
    assertNoWorkerReceived("/smuggled-" + marker);
  }

  static Stream<Arguments> oversized() {
    String big = "a".repeat(70_000);
    String manyHeaders =
        IntStream.range(0, 1000)
            .mapToObj(i -> "X-H" + i + ": " + "v".repeat(100) + "\r\n")
            .collect(Collectors.joining());
    return Stream.of(
        Arguments.of("request-line", "GET /" + big + " HTTP/1.1\r\nHost: x\r\n\r\n"),
        Arguments.of("header", "GET /big HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n"),
        Arguments.of("many-headers", "GET /many HTTP/1.1\r\nHost: x\r\n" + manyHeaders + "\r\n"),
        Arguments.of("connect", "CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example\r\n\r\n"),
        Arguments.of("asterisk-options", "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n"),
        Arguments.of("asterisk-get", "GET * HTTP/1.1\r\nHost: x\r\n\r\n"));
  }

  /** H2, H4, H7. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("oversized")
  void anOversizedOrForeignRequestGetsA4xxOrAClosedConnection(String name, String request)
      throws Exception {
    RawHttp.Answer answer = RawHttp.send(server.port, request);
    int status = answer.firstStatus();
    assertTrue(
        (status >= 400 && status < 500) || (status == -1 && answer.closed()),
        "4xx or closed: " + answer);
    assertFalse(
        answer.toString().contains("127.0.0.1:235"), "no worker address leaks out: " + answer);
  }

  /** H5: obs-fold is unfolded to one space, as RFC 9112 §5.2 allows, or refused. */
  @Test
  void anObsFoldReachesAWorkerAsOneLineOrIsRefused() throws Exception {
    RawHttp.Answer answer =
        RawHttp.send(
            server.port,
            "GET /headers HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n b\r\nConnection: close\r\n\r\n");
    if (answer.firstStatus() != 400) {
      assertEquals(200, answer.firstStatus(), answer.toString());
      assertTrue(answer.text().contains("\"x-folded\":[\"a b\"]"), "unfolded: " + answer);
    }
  }

  /** H5: an absolute-form target goes to a worker, as origin-form: Fleetgate is no open proxy. */
  @Test
  void anAbsoluteFormTargetReachesAWorkerAsOriginForm() throws Exception {
    RawHttp.Answer answer =
        RawHttp.send(
            server.port,
            "GET http://evil.example/absolute?q=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertEquals(200, answer.firstStatus(), answer.toString());
    assertTrue(answer.text().contains("\"worker\":"), "a worker answered: " + answer);
    assertTrue(answer.text().contains("\"path\":\"/absolute\""), "origin-form: " + answer);
  }

  /** H5: no 101 unless the worker sends one; the bytes after the request are not tunnelled. */
  @Test
  void anUpgradeToAProtocolTheWorkerDoesNotSpeakGetsItsAnswerAndNoTunnel() throws Exception {
    String marker = UUID.randomUUID().toString().substring(0, 8);
    RawHttp.Answer answer =
        RawHttp.send(
            server.port,
            "GET /upgrade HTTP/1.1\r\nHost: x\r\nUpgrade: foo/1\r\nConnection: Upgrade\r\n\r\n"
                + SMUGGLED.formatted("after-upgrade-" + marker));
    assertEquals(200, answer.firstStatus(), answer.toString());
    assertFalse(answer.statuses().contains(101), "no switch: " + answer);
    assertTrue(answer.text().contains("\"path\":\"/upgrade\""), answer.toString());
    // What followed is either refused with the connection or answered as HTTP, never raw bytes
    // into a tunnel: a worker sees it as its own request at most.
    assertTrue(answer.closed() || answer.statuses().size() == 2, "closed or answered: " + answer);
  }

  /** H6: clients that stall mid-body, mid-chunk and mid-headers do not hold up others. */
  @Test
  void stalledRequestsDoNotHoldUpOtherClients() throws Exception {
    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        stalled.add(
            stall(
                switch (i % 3) {
                  case 0 ->
                      "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n01234";
                  case 1 ->
                      "POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                          + "5\r\nhe";
                  default -> "GET /slow HTTP/1.1\r\nHost: x\r\nX-Slow: a";
                }));
      }
      for (int i = 0; i < 20; i++) {
        long started = System.nanoTime();
        assertEquals(200, Http.status(server.base(), "/meanwhile?i=" + i));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 5_000, "served in " + millis + " ms beside 20 stalled requests");
      }
    } finally {
      for (Socket socket : stalled) {
        socket.close();
      }
    }
  }

  private static Socket stall(String partialRequest) throws IOException {
    Socket socket = new Socket("127.0.0.1", server.port);
    socket.getOutputStream().write(partialRequest.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    return socket;
  }

  /**
   * Asserts no worker logged {@code path}. A request sent afterwards through the proxy to every
   * worker is awaited first, so anything sent before it had its chance to arrive.
   */
  static void assertNoWorkerReceived(String path) {
    String sentinel = "/sentinel-" + UUID.randomUUID();
    for (int i = 0; i < 4; i++) { // round-robin: at least one to each of the two workers
      assertEquals(200, Http.status(server.base(), sentinel));
    }
    Http.await(
        () -> workerLog().lines().filter(l -> l.contains(" " + sentinel + " ")).count() >= 4,
        Duration.ofSeconds(10),
        "the sentinel requests in the workers' logs");
    String log = workerLog();
    assertFalse(log.contains(" " + path + " "), "a worker received " + path + ":\n" + log);
  }

  static String workerLog() {
    try (Stream<Path> files = Files.list(logs)) {
      StringBuilder all = new StringBuilder();
      for (Path file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
        all.append(Files.readString(file));
      }
      return all.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Arguments> lengthBeforeTransferEncoding() {
    List<String> spellings =
        List.of(
            "Transfer-Encoding: chunked",
            "Transfer-Encoding: Chunked",
            "Transfer-Encoding: CHUNKED",
            "transfer-encoding: chunked",
            "Transfer-Encoding:chunked",
            "Transfer-Encoding:  chunked",
            "Transfer-Encoding:\tchunked",
            "Transfer-Encoding: chunked ",
            "Transfer-Encoding: chunked\t",
            " Transfer-Encoding: chunked",
            "\tTransfer-Encoding: chunked",
            "Transfer-Encoding : chunked",
            "Transfer-Encoding\t: chunked",
            "Transfer-Encoding: identity, chunked",
            "Transfer-Encoding: chunked, chunked",
            "Transfer-Encoding: \"chunked\"",
            "Transfer-Encoding: xchunked",
            "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked");
    List<String> paths =
        List.of("/", "/health/ready", "/admin/login.xhtml", "/metrics", "/admin/metrics");
    return paths.stream().flatMap(path -> spellings.stream().map(te -> Arguments.of(path, te)));
  }

  /** H8: CL.TE, in every spelling, everywhere: refused, closed, nothing smuggled. */
  @ParameterizedTest(name = "{0} [{1}]")
  @MethodSource("lengthBeforeTransferEncoding")
  void contentLengthBeforeTransferEncodingIsRefusedOnEveryPath(String path, String te)
      throws Exception {
    String marker = "clte-" + UUID.randomUUID().toString().substring(0, 8);
    String smuggled = SMUGGLED.formatted(marker);
    String body = "0\r\n\r\n" + smuggled;
    String request =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: x\r\nContent-Length: "
            + body.length()
            + "\r\n"
            + te
            + "\r\n\r\n"
            + body;

    RawHttp.Answer answer = RawHttp.send(server.port, request);

    assertTrue(Set.of(400, 501).contains(answer.firstStatus()), "refused: " + answer);
    assertEquals(1, answer.statuses().size(), "one answer: " + answer);
    assertTrue(answer.closed(), "closed: " + answer);
    assertNoWorkerReceived("/smuggled-" + marker);
  }

  static Stream<Arguments> bareLineFeedChunks() {
    return Stream.of(
        Arguments.of("all-bare", "5\nhello\n0\n\n"),
        Arguments.of("size-line-bare", "5\nhello\r\n0\r\n\r\n"),
        Arguments.of("after-data-bare", "5\r\nhello\n0\r\n\r\n"),
        Arguments.of("last-chunk-bare", "5\r\nhello\r\n0\n\r\n"),
        Arguments.of("trailer-end-bare", "5\r\nhello\r\n0\r\n\n"),
        Arguments.of("bare-cr", "5\rhello\r\n0\r\n\r\n"),
        Arguments.of("junk-after-data", "5\r\nhelloXX\r\n0\r\n\r\n"),
        Arguments.of("space-after-size", "5 \r\nhello\r\n0\r\n\r\n"));
  }

  /** H9: a chunk line that does not end in CRLF is refused, and nothing behind it is read. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("bareLineFeedChunks")
  void chunkLinesMustEndInCrlf(String name, String chunks) throws Exception {
    String marker = name + "-" + UUID.randomUUID().toString().substring(0, 8);
    RawHttp.Answer answer =
        RawHttp.send(
            server.port,
            "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + chunks
                + SMUGGLED.formatted(marker));

    assertEquals(400, answer.firstStatus(), answer.toString());
    assertEquals(1, answer.statuses().size(), "one answer: " + answer);
    assertTrue(answer.closed(), "closed: " + answer);
    assertNoWorkerReceived("/smuggled-" + marker);
  }

  /** H9: chunk extensions, valid by RFC 9112 §7.1.1, are ignored: the body arrives whole. */
  @Test
  void chunkExtensionsAreAcceptedAndIgnored() throws Exception {
    RawHttp.Answer answer =
        RawHttp.send(
            server.port,
            "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n"
                + "5;a=b\r\nhello\r\n6 ; name=\"quoted;value\"\r\n world\r\n0;last\r\n\r\n");

    assertEquals(200, answer.firstStatus(), answer.toString());
    String text = answer.text();
    assertEquals(
        "hello world",
        dechunked(text.substring(text.indexOf("\r\n\r\n") + 4)),
        "the body, without extensions: " + answer);
  }

  /** H10: a refused request is the end of its connection only; new ones are judged afresh. */
  @Test
  void tenThousandRefusalsCauseNoFalse400ForLaterValidRequests() throws Exception {
    byte[] hostile =
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "0\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    byte[] valid =
        "GET /after-flood HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < 10_000; i++) {
      assertEquals(400, statusOnANewConnection(hostile), "refusal " + i);
    }
    int false400s = 0;
    for (int i = 0; i < 1_000; i++) {
      int status = statusOnANewConnection(valid);
      if (status == 400) {
        false400s++;
      } else {
        assertEquals(200, status, "valid request " + i);
      }
    }
    assertEquals(0, false400s, "valid requests refused after the flood");
  }

  /** H11: slow-loris heads are closed at the head timeout, and others are served meanwhile. */
  @Test
  void slowHeadsAreClosedWithinTheHeadTimeoutWhileOthersAreServed() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 300; i++) {
        Socket socket = new Socket("127.0.0.1", server.port);
        socket.setSoTimeout(1);
        socket
            .getOutputStream()
            .write("GET /slow HTTP/1.1\r\nX-S".getBytes(StandardCharsets.US_ASCII));
        slow.add(socket);
      }
      long started = System.nanoTime();
      Http.await(
          () -> openCount(slow) <= MAX_UNFINISHED_HEADS,
          Duration.ofSeconds(5),
          "no more than " + MAX_UNFINISHED_HEADS + " unfinished heads open");
      long deadline = started + HEAD_TIMEOUT.plusSeconds(10).toNanos();
      long nextByte = started;
      while (openCount(slow) > 0) {
        assertTrue(
            System.nanoTime() < deadline,
            openCount(slow) + " slow heads still open after " + HEAD_TIMEOUT.plusSeconds(10));
        long before = System.nanoTime();
        assertEquals(200, Http.status(server.base(), "/beside-slow-heads"));
        assertTrue(System.nanoTime() - before < 5_000_000_000L, "a normal GET within 5 s");
        if (System.nanoTime() >= nextByte) { // one more header byte every 5 s, as a slow loris
          for (Socket socket : slow) {
            trickle(socket);
          }
          nextByte = System.nanoTime() + 5_000_000_000L;
        }
        Thread.sleep(200);
      }
    } finally {
      for (Socket socket : slow) {
        socket.close();
      }
    }
  }

  static Stream<String> pathsThatEscapeTheirPrefix() {
    return Stream.of(
        "/app/..%2fmetrics",
        "/app/..%2Fmetrics",
        "/x/..%2fadmin/",
        "/x/%2e%2e/admin/",
        "/x/%2E%2E%2Fadmin/",
        "/x/.%2e/admin/",
        "/x/..;/admin/",
        "/x/..;jsessionid=1/admin/",
        "/x/../admin/",
        "/x/./admin/",
        "/x/..%5cadmin/",
        "/x\\..\\admin/",
        "/x/%2e%2e",
        "http://x/app/..%2fhealth/ready");
  }

  /** H12: dot segments and encoded slashes are refused before anything routes on the path. */
  @ParameterizedTest
  @MethodSource("pathsThatEscapeTheirPrefix")
  void aPathThatEscapesItsPrefixIsRefused(String target) throws Exception {
    RawHttp.Answer answer =
        RawHttp.send(server.port, "GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
    assertEquals(400, answer.firstStatus(), answer.toString());
    assertTrue(answer.closed(), "closed: " + answer);
  }

  /** H12: an HTTP version this server does not speak is said so, not served as HTTP/1.1. */
  @Test
  void http2InARequestLineGets505() throws Exception {
    RawHttp.Answer answer = RawHttp.send(server.port, "GET / HTTP/2.0\r\nHost: x\r\n\r\n");
    assertEquals(505, answer.firstStatus(), answer.toString());
  }

  /** H12: a body declared over the limit is refused before the client is told to send it. */
  @Test
  void expectContinueOverTheLimitGets413WithoutA100() throws Exception {
    RawHttp.Answer answer =
        RawHttp.send(
            server.port,
            "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n"
                + "Expect: 100-continue\r\n\r\n");
    assertEquals(List.of(413), answer.statuses(), answer.toString());
    assertTrue(answer.closed(), "closed: " + answer);
  }

  /** H12: under the limit, the client still gets its 100 and then the worker's answer. */
  @Test
  void expectContinueUnderTheLimitGets100ThenTheAnswer() throws Exception {
    RawHttp.Answer answer =
        RawHttp.send(
            server.port,
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                + "Expect: 100-continue\r\nConnection: close\r\n\r\nhello");
    List<Integer> statuses = answer.statuses();
    assertEquals(200, statuses.get(statuses.size() - 1), answer.toString());
    assertTrue(Set.of(100, 200).containsAll(statuses), answer.toString());
  }

  /** The data of a chunked body (the worker's echo may come back in the client's chunks). */
  private static String dechunked(String chunks) {
    StringBuilder data = new StringBuilder();
    int at = 0;
    while (true) {
      int lineEnd = chunks.indexOf("\r\n", at);
      int size = Integer.parseInt(chunks.substring(at, lineEnd), 16);
      if (size == 0) {
        return data.toString();
      }
      data.append(chunks, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
  }

  private static int statusOnANewConnection(byte[] request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request);
      byte[] head = socket.getInputStream().readNBytes(12);
      String text = new String(head, StandardCharsets.ISO_8859_1);
      return text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : -1;
    }
  }

  private static long openCount(List<Socket> sockets) {
    return sockets.stream().filter(HostileInputIT::stillOpen).count();
  }

  /** Open = the server neither closed nor reset it (a read times out instead). */
  private static boolean stillOpen(Socket socket) {
    if (socket.isClosed()) {
      return false;
    }
    try {
      if (socket.getInputStream().read() < 0) {
        socket.close();
        return false;
      }
      return true; // bytes: an answer, which the slow loris ignores
    } catch (java.net.SocketTimeoutException quiet) {
      return true;
    } catch (IOException reset) {
      closeQuietly(socket);
      return false;
    }
  }

  private static void trickle(Socket socket) {
    if (socket.isClosed()) {
      return;
    }
    try {
      socket.getOutputStream().write('a');
    } catch (IOException closedByTheServer) {
      closeQuietly(socket);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already gone
    }
  }
}
