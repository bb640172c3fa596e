package dev.fleetgate.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compression of proxied answers on a real server ({@code dev.fleetgate.proxy.compression} R1–R6,
 * {@code dev.fleetgate.proxy} R18): gzip for JSON, on both of the proxy's paths, decompressing to
 * what the worker sent; none for an image, a Range answer, server-sent events (which still stream
 * event by event), a short answer or a client that does not take gzip; a streamed answer still
 * streams and a large one arrives whole; with {@code fleetgate.proxy.gzip=false}, after a reload,
 * nothing is compressed. Worker port 23660.
 */
class CompressionIT {
  static final int WORKER_PORT = 23660;
  static final String BASE_CONFIG =
      "fleetgate.workers.count=1\nfleetgate.workers.base-port=" + WORKER_PORT + "\n";
  static final String GZIP_ON = "fleetgate.proxy.gzip=true\n";

  /** HTTP/1.1: the JDK client's default asks for h2c first (DEVELOPERS.md). */
  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** The proxy's two ways for a request without a body: which one is the settings' choice. */
  enum Way {
    FAST_PATH(""),
    ASYNCHRONOUS("fleetgate.proxy.sync-threads=0\n");

    final String settings;

    Way(String settings) {
      this.settings = settings;
    }
  }

  static Path config;
  static String configured;
  static MicroProcess server;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "compression-it");
    Files.createDirectories(dir);
    config = dir.resolve("fleetgate.properties");
    configured = GZIP_ON;
    Files.writeString(config, BASE_CONFIG + configured);
    server =
        MicroProcess.start(
            dir.resolve("server"), Map.of(), List.of("-Dfleetgate.config=" + config));
    Http.await(() -> Http.readyWorkers(server.base()) > 0, Duration.ofSeconds(180), "worker ready");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @ParameterizedTest
  @EnumSource(Way.class)
  void r1_aJsonAnswerIsCompressedAndDecompressesToWhatTheWorkerSent(Way way) throws Exception {
    configure(GZIP_ON + way.settings);

    HttpResponse<byte[]> response = get("/json?bytes=20000", "Accept-Encoding", "gzip, deflate");

    assertEquals(200, response.statusCode());
    assertEquals(Optional.of("gzip"), response.headers().firstValue("content-encoding"));
    assertEquals(List.of("Accept-Encoding"), response.headers().allValues("vary"));
    assertNotEquals(Optional.of("20000"), response.headers().firstValue("content-length"));
    assertTrue(response.body().length < 20000 / 4, "compressed to " + response.body().length);
    assertArrayEquals(fromTheWorker("/json?bytes=20000"), gunzip(response.body()));
  }

  @Test
  void r6_anUploadsAnswerIsCompressedOnTheAsynchronousPath() throws Exception {
    configure(GZIP_ON);
    byte[] json = fromTheWorker("/json?bytes=65536"); // a body over 16 KiB: never the fast path

    HttpResponse<byte[]> response =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(server.base() + "/echo"))
                .header("Content-Type", "application/json")
                .header("Accept-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertEquals(Optional.of("gzip"), response.headers().firstValue("content-encoding"));
    assertArrayEquals(json, gunzip(response.body()));
  }

  @Test
  void r1_anImageGoesAsItIs() throws Exception {
    configure(GZIP_ON);

    HttpResponse<byte[]> response =
        get("/stream?bytes=20000&length=true&type=image/png", "Accept-Encoding", "gzip");

    assertEquals(200, response.statusCode());
    assertEquals(Optional.empty(), response.headers().firstValue("content-encoding"));
    assertEquals(List.of(), response.headers().allValues("vary"), "no client would get it gzipped");
    assertEquals(Optional.of("20000"), response.headers().firstValue("content-length"));
    assertAlphabet(0, 20000, response.body());
  }

  @Test
  void r1_aRangeAnswerGoesAsItIsWhileTheWholeBodyIsCompressed() throws Exception {
    configure(GZIP_ON);

    HttpResponse<byte[]> part =
        get(
            "/stream?bytes=100000&length=true",
            "Accept-Encoding",
            "gzip",
            "Range",
            "bytes=100-5099");
    HttpResponse<byte[]> whole = get("/stream?bytes=100000&length=true", "Accept-Encoding", "gzip");

    assertEquals(206, part.statusCode());
    assertEquals(Optional.empty(), part.headers().firstValue("content-encoding"));
    assertEquals(Optional.of("bytes 100-5099/100000"), part.headers().firstValue("content-range"));
    assertAlphabet(100, 5000, part.body());
    assertEquals(200, whole.statusCode());
    assertEquals(Optional.of("gzip"), whole.headers().firstValue("content-encoding"));
    assertEquals(
        Optional.empty(),
        whole.headers().firstValue("accept-ranges"),
        "ranges of the compressed body are not served");
    assertAlphabet(0, 100000, gunzip(whole.body()));
  }

  @Test
  void r1_serverSentEventsGoAsTheyAreAndStillArriveEventByEvent() throws Exception {
    configure(GZIP_ON);
    long started = System.nanoTime();
    AtomicLong firstEventMillis = new AtomicLong(-1);
    StringBuilder text = new StringBuilder();

    HttpResponse<Void> response =
        CLIENT
            .sendAsync(
                HttpRequest.newBuilder(URI.create(server.base() + "/sse?count=3&interval=700"))
                    .header("Accept-Encoding", "gzip")
                    .build(),
                HttpResponse.BodyHandlers.fromLineSubscriber(
                    new Flow.Subscriber<String>() {
                      @Override
                      public void onSubscribe(Flow.Subscription s) {
                        s.request(Long.MAX_VALUE);
                      }

                      @Override
                      public void onNext(String line) {
                        if (line.startsWith("data:") && firstEventMillis.get() < 0) {
                          firstEventMillis.set((System.nanoTime() - started) / 1_000_000);
                        }
                        synchronized (text) {
                          text.append(line).append('\n');
                        }
                      }

                      @Override
                      public void onError(Throwable t) {}

                      @Override
                      public void onComplete() {}
                    }))
            .get(30, TimeUnit.SECONDS);
    long totalMillis = (System.nanoTime() - started) / 1_000_000;

    assertEquals(200, response.statusCode());
    assertEquals(Optional.empty(), response.headers().firstValue("content-encoding"));
    assertEquals(3, text.toString().split("data:", -1).length - 1, text.toString());
    assertTrue(
        firstEventMillis.get() < totalMillis - 1000,
        "the first event came before the stream ended: " + firstEventMillis + " of " + totalMillis);
  }

  @ParameterizedTest(name = "Accept-Encoding: {0}")
  @ValueSource(strings = {"gzip;q=0", "identity", "deflate, br", "-"})
  void r2_aClientThatDoesNotTakeGzipGetsTheBodyAsItIsWithVary(String acceptEncoding)
      throws Exception {
    configure(GZIP_ON);

    HttpResponse<byte[]> response =
        acceptEncoding.equals("-")
            ? get("/json?bytes=20000")
            : get("/json?bytes=20000", "Accept-Encoding", acceptEncoding);

    assertEquals(Optional.empty(), response.headers().firstValue("content-encoding"));
    assertEquals(List.of("Accept-Encoding"), response.headers().allValues("vary"));
    assertEquals(Optional.of("20000"), response.headers().firstValue("content-length"));
    assertArrayEquals(fromTheWorker("/json?bytes=20000"), response.body());
  }

  @Test
  void r1_anHttp10ClientAndAHeadRequestGetNoCompression() throws Exception {
    configure(GZIP_ON);

    String http10 =
        Http.raw(
                "127.0.0.1",
                server.port,
                "GET /json?bytes=20000 HTTP/1.0\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n")
            .toLowerCase(Locale.ROOT);
    HttpResponse<Void> head =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(server.base() + "/json?bytes=20000"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept-Encoding", "gzip")
                .build(),
            HttpResponse.BodyHandlers.discarding());

    String http10Head = http10.substring(0, http10.indexOf("\r\n\r\n"));
    assertTrue(http10Head.startsWith("http/1.1 200"), http10Head);
    assertTrue(!http10Head.contains("content-encoding"), http10Head);
    assertTrue(http10Head.contains("\r\nvary: accept-encoding"), http10Head);
    assertEquals(20000, http10.length() - http10Head.length() - 4);
    assertEquals(200, head.statusCode());
    assertEquals(Optional.empty(), head.headers().firstValue("content-encoding"));
  }

  @Test
  void r1_anAnswerBelowTheMinimumLengthGoesAsItIs() throws Exception {
    configure(GZIP_ON);

    HttpResponse<byte[]> response = get("/json?bytes=1000", "Accept-Encoding", "gzip");

    assertEquals(Optional.empty(), response.headers().firstValue("content-encoding"));
    assertEquals(List.of(), response.headers().allValues("vary"));
    assertEquals(Optional.of("1000"), response.headers().firstValue("content-length"));
    assertArrayEquals(fromTheWorker("/json?bytes=1000"), response.body());
  }

  @ParameterizedTest
  @EnumSource(Way.class)
  void r5_aStreamedLargeAnswerArrivesWholeAndDecompresses(Way way) throws Exception {
    configure(GZIP_ON + way.settings);
    long size = 8L * 1024 * 1024;

    HttpResponse<InputStream> response =
        CLIENT.send(
            request("/stream?bytes=" + size + "&chunk=65536", "Accept-Encoding", "gzip"),
            HttpResponse.BodyHandlers.ofInputStream());

    assertEquals(Optional.of("gzip"), response.headers().firstValue("content-encoding"));
    AtomicLong compressed = new AtomicLong();
    long decoded = 0;
    try (InputStream in = new GZIPInputStream(counted(response.body(), compressed), 65536)) {
      byte[] buffer = new byte[65536];
      for (int n; (n = in.read(buffer)) > 0; decoded += n) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] != 'a' + (decoded + i) % 26) {
            throw new AssertionError("byte " + (decoded + i) + " is " + buffer[i]);
          }
        }
      }
    }
    assertEquals(size, decoded);
    assertTrue(compressed.get() < size / 20, "compressed to " + compressed.get() + " bytes");
  }

  @ParameterizedTest
  @EnumSource(Way.class)
  void r5_aCompressedAnswerStillStreamsAsTheWorkerWritesIt(Way way) throws Exception {
    configure(GZIP_ON + way.settings);
    long started = System.nanoTime();

    HttpResponse<InputStream> response =
        CLIENT.send(
            request("/stream?bytes=3000&chunk=1000&interval=1500", "Accept-Encoding", "gzip"),
            HttpResponse.BodyHandlers.ofInputStream());

    assertEquals(Optional.of("gzip"), response.headers().firstValue("content-encoding"));
    try (InputStream in = new GZIPInputStream(response.body())) {
      byte[] first = in.readNBytes(1000);
      long firstMillis = (System.nanoTime() - started) / 1_000_000;
      byte[] rest = in.readAllBytes();
      long totalMillis = (System.nanoTime() - started) / 1_000_000;

      assertAlphabet(0, 1000, first);
      assertAlphabet(1000, 2000, rest);
      assertTrue(totalMillis >= 3000, "the answer lasted as written: " + totalMillis);
      assertTrue(
          firstMillis < totalMillis - 2000,
          "the first chunk decoded before the rest was written: "
              + firstMillis
              + " of "
              + totalMillis);
    }
  }

  @Test
  void r4_withGzipOffNothingIsCompressed() throws Exception {
    configure("fleetgate.proxy.gzip=false\n");

    HttpResponse<byte[]> response = get("/json?bytes=20000", "Accept-Encoding", "gzip");

    assertEquals(Optional.empty(), response.headers().firstValue("content-encoding"));
    assertEquals(List.of(), response.headers().allValues("vary"));
    assertEquals(Optional.of("20000"), response.headers().firstValue("content-length"));
    assertArrayEquals(fromTheWorker("/json?bytes=20000"), response.body());
  }

  /**
   * Puts {@code settings} in force by the config file and SIGHUP (a reload changes proxy settings
   * for the next request, restarting nothing), unless they already are.
   */
  static void configure(String settings) throws Exception {
    if (settings.equals(configured)) {
      return;
    }
    int reloads = reloads();
    Files.writeString(config, BASE_CONFIG + settings);
    server.signal("HUP");
    Http.await(() -> reloads() > reloads, Duration.ofSeconds(60), "the reload of " + settings);
    configured = settings;
  }

  private static int reloads() {
    return server.log().split("Fleetgate proxy reloaded", -1).length - 1;
  }

  static HttpRequest request(String path, String... headers) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(server.base() + path)).timeout(Duration.ofSeconds(60));
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder.build();
  }

  static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    return CLIENT.send(request(path, headers), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** The worker's own answer, asked without the proxy. */
  static byte[] fromTheWorker(String path) throws Exception {
    HttpResponse<byte[]> response =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + WORKER_PORT + path)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, response.statusCode());
    return response.body();
  }

  static byte[] gunzip(byte[] gzip) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return in.readAllBytes();
    }
  }

  static InputStream counted(InputStream in, AtomicLong count) {
    return new FilterInputStream(in) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          count.addAndGet(n);
        }
        return n;
      }
    };
  }

  /** {@code length} bytes of the sample worker's a-z, starting at offset {@code from}. */
  static void assertAlphabet(long from, int length, byte[] body) {
    assertEquals(length, body.length);
    for (int i = 0; i < length; i++) {
      if (body[i] != 'a' + (from + i) % 26) {
        throw new AssertionError(
            "byte " + i + " is " + new String(body, i, 1, StandardCharsets.US_ASCII));
      }
    }
  }
}
