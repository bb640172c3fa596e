package dev.fleetgate.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The endpoints that move bodies of any size: R5 echo, R6 upload, R7 stream, R9 SSE, R19 JSON. */
@Timeout(30)
class StreamingTest {

  private LocalWorker worker;

  @BeforeEach
  void startWorker() {
    worker = LocalWorker.start(WorkerConfig.loopback(0, "s-1", false));
  }

  @AfterEach
  void stopWorker() {
    worker.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT"})
  void r5_echoesAMultiMebibyteBodyByteExactWithItsContentType(String method) throws Exception {
    byte[] body = randomBytes(8 * 1024 * 1024 + 3);
    ByteArrayOutputStream echoed = new ByteArrayOutputStream(body.length);

    try (RawHttp http = new RawHttp(worker.port())) {
      CompletableFuture<Void> sent =
          http.sendInBackground(
              method
                  + " /echo HTTP/1.1\r\nHost: test\r\nContent-Type: application/x-test\r\n"
                  + "Content-Length: "
                  + body.length
                  + "\r\n\r\n",
              new ByteArrayInputStream(body));
      String head = http.readUntil("\r\n\r\n").toLowerCase(Locale.ROOT);
      int chunks = http.readChunkedBody(echoed);
      sent.get(10, TimeUnit.SECONDS);

      assertTrue(head.startsWith("http/1.1 200"), head);
      assertTrue(head.contains("\r\ncontent-type: application/x-test\r\n"), head);
      assertTrue(head.contains("\r\ntransfer-encoding: chunked\r\n"), head);
      assertTrue(chunks > 1, "echoed in " + chunks + " chunk(s)");
    }
    assertArrayEquals(body, echoed.toByteArray());
  }

  @Test
  void r5_echoesThePartOfTheBodyReadBeforeTheRestIsSent() throws Exception {
    try (RawHttp http = new RawHttp(worker.port())) {
      http.send(
          "POST /echo HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n"
              + "5\r\nfirst\r\n");

      String head = http.readUntil("\r\n\r\n");
      String echoed = http.readUntil("first");
      // Only now is the rest of the body sent: "first" came back while the request was open.
      http.send("6\r\nsecond\r\n0\r\n\r\n");
      String rest = http.readUntil("\r\n0\r\n\r\n");

      assertTrue(head.startsWith("HTTP/1.1 200"), head);
      assertTrue(echoed.endsWith("first"), echoed);
      assertTrue(rest.contains("second"), rest);
    }
  }

  @Test
  void r5_refusesAGet() throws Exception {
    HttpResponse<String> response = worker.get("/echo");

    assertEquals(405, response.statusCode());
    assertEquals(Optional.of("POST, PUT"), response.headers().firstValue("allow"));
  }

  @Test
  void r6_countsAndHashesTheUploadedBody() throws Exception {
    byte[] body = randomBytes(3 * 1024 * 1024 + 5);
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));

    HttpResponse<String> response =
        LocalWorker.CLIENT.send(
            worker.request("/upload").PUT(BodyPublishers.ofByteArray(body)).build(),
            BodyHandlers.ofString());

    assertEquals(200, response.statusCode());
    assertEquals("{\"bytes\":" + body.length + ",\"sha256\":\"" + sha256 + "\"}", response.body());
  }

  @Test
  void r6_countsAnEmptyBody() throws Exception {
    HttpResponse<String> response =
        LocalWorker.CLIENT.send(
            worker.request("/upload").POST(BodyPublishers.noBody()).build(),
            BodyHandlers.ofString());

    assertEquals(
        "{\"bytes\":0,\"sha256\":"
            + "\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"}",
        response.body());
  }

  @Test
  void r7_streamsExactlyTheBytesAskedForChunked() throws Exception {
    HttpResponse<byte[]> response =
        LocalWorker.CLIENT.send(
            worker.request("/stream?bytes=1000003&chunk=4096").build(), BodyHandlers.ofByteArray());

    assertEquals(200, response.statusCode());
    assertEquals(Optional.of("chunked"), response.headers().firstValue("transfer-encoding"));
    assertAlphabet(1_000_003, response.body());
  }

  @Test
  void r7_streamsWithAContentLengthWhenAsked() throws Exception {
    HttpResponse<byte[]> response =
        LocalWorker.CLIENT.send(
            worker.request("/stream?bytes=200000&length=true").build(), BodyHandlers.ofByteArray());

    assertEquals(200, response.statusCode());
    assertEquals(Optional.of("200000"), response.headers().firstValue("content-length"));
    assertEquals(Optional.empty(), response.headers().firstValue("transfer-encoding"));
    assertAlphabet(200_000, response.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes=many", "bytes=-1", "chunk=0", "chunk=1048577", "interval=-1"})
  void r7_refusesAnInvalidSize(String query) throws Exception {
    assertEquals(400, worker.get("/stream?" + query).statusCode());
  }

  @Test
  void r7_sendsTheTypeAskedForAndOffersRangesWithALength() throws Exception {
    HttpResponse<byte[]> response =
        LocalWorker.CLIENT.send(
            worker.request("/stream?bytes=5000&length=true&type=image/png").build(),
            BodyHandlers.ofByteArray());

    assertEquals(Optional.of("image/png"), response.headers().firstValue("content-type"));
    assertEquals(Optional.of("bytes"), response.headers().firstValue("accept-ranges"));
    assertAlphabet(5000, response.body());
  }

  @Test
  void r7_answersARangeWithThatPart() throws Exception {
    HttpResponse<String> response =
        LocalWorker.CLIENT.send(
            worker.request("/stream?bytes=100&length=true").header("Range", "bytes=27-30").build(),
            BodyHandlers.ofString());

    assertEquals(206, response.statusCode());
    assertEquals(Optional.of("bytes 27-30/100"), response.headers().firstValue("content-range"));
    assertEquals(Optional.of("4"), response.headers().firstValue("content-length"));
    assertEquals("bcde", response.body());
  }

  @Test
  void r7_answersAnOpenRangeToTheEndAndOneStartingPastItWith416() throws Exception {
    HttpResponse<String> open =
        LocalWorker.CLIENT.send(
            worker.request("/stream?bytes=30").header("Range", "bytes=26-").build(),
            BodyHandlers.ofString());
    HttpResponse<String> past =
        LocalWorker.CLIENT.send(
            worker.request("/stream?bytes=30").header("Range", "bytes=30-40").build(),
            BodyHandlers.ofString());

    assertEquals(206, open.statusCode());
    assertEquals("abcd", open.body());
    assertEquals(416, past.statusCode());
    assertEquals(Optional.of("bytes */30"), past.headers().firstValue("content-range"));
  }

  @Test
  void r7_writesChunksTheIntervalApart() throws Exception {
    long started = System.nanoTime();
    HttpResponse<byte[]> response =
        LocalWorker.CLIENT.send(
            worker.request("/stream?bytes=30&chunk=10&interval=200").build(),
            BodyHandlers.ofByteArray());

    assertAlphabet(30, response.body());
    assertTrue(System.nanoTime() - started >= 400_000_000L, "two pauses between three chunks");
  }

  @ParameterizedTest
  @ValueSource(ints = {64, 1000, 4096, 100_003})
  void r19_answersJsonOfExactlyTheSizeAskedFor(int bytes) throws Exception {
    HttpResponse<String> response = worker.get("/json?bytes=" + bytes);

    assertEquals(200, response.statusCode());
    assertEquals(Optional.of("application/json"), response.headers().firstValue("content-type"));
    assertEquals(
        Optional.of(Integer.toString(bytes)), response.headers().firstValue("content-length"));
    assertEquals(bytes, response.body().length());
    assertTrue(response.body().startsWith("{\"worker\":\"s-1\",\"items\":["), response.body());
    assertTrue(response.body().endsWith("}"), response.body());
  }

  @Test
  void r19_refusesASizeTooSmallForTheDocument() throws Exception {
    assertEquals(400, worker.get("/json?bytes=10").statusCode());
  }

  @Test
  void r9_sendsEveryEventInOrder() throws Exception {
    HttpResponse<String> response = worker.get("/sse?count=3&interval=10");

    assertEquals(200, response.statusCode());
    assertEquals(Optional.of("text/event-stream"), response.headers().firstValue("content-type"));
    assertEquals(
        "id: 1\ndata: {\"worker\":\"s-1\",\"seq\":1}\n\n"
            + "id: 2\ndata: {\"worker\":\"s-1\",\"seq\":2}\n\n"
            + "id: 3\ndata: {\"worker\":\"s-1\",\"seq\":3}\n\n",
        response.body());
  }

  @Test
  void r9_deliversTheFirstEventBeforeTheLastIsWritten() throws Exception {
    // The second event is ten minutes away: the first can only arrive if it was flushed alone.
    HttpResponse<InputStream> response =
        LocalWorker.CLIENT.send(
            worker.request("/sse?count=2&interval=600000").build(), BodyHandlers.ofInputStream());

    try (BufferedReader events =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertTimeoutPreemptively(
          Duration.ofSeconds(5),
          () -> {
            assertEquals("id: 1", events.readLine());
            assertEquals("data: {\"worker\":\"s-1\",\"seq\":1}", events.readLine());
            assertEquals("", events.readLine());
          });
    }
  }

  private static void assertAlphabet(int length, byte[] body) {
    assertEquals(length, body.length);
    for (int i = 0; i < body.length; i++) {
      if (body[i] != 'a' + i % 26) {
        throw new AssertionError("byte " + i + " is " + body[i]);
      }
    }
  }

  private static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    return bytes;
  }
}
