package dev.fleetgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bodies stream through the proxy with bounded memory: the server runs with a 256 MiB heap and 1
 * GiB goes down and 1 GiB up through it, byte-exact; server-sent events arrive as written.
 */
class StreamingIT {
  static final long GIB = 1L << 30;
  static MicroProcess server;
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    server =
        MicroProcess.start(
            Path.of(System.getProperty("java.io.tmpdir"), "streaming-it"),
            Map.of("FLEETGATE_WORKERS_COUNT", "1", "FLEETGATE_WORKERS_BASE_PORT", "23260"),
            List.of("-Xmx256m", "-Dfleetgate.proxy.max-body-size=0"));
    Http.await(() -> Http.readyWorkers(server.base()) > 0, Duration.ofSeconds(180), "worker ready");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void r3_oneGibDownloadPassesThroughA256MibHeap() throws Exception {
    long started = System.nanoTime();
    HttpResponse<InputStream> response =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(server.base() + "/stream?bytes=" + GIB)).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, response.statusCode());
    long total = 0;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = response.body()) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
      }
    }
    assertEquals(GIB, total);
    System.out.printf(
        "FIGURE 1 GiB download through the proxy (256 MiB heap): %.0f MB/s%n",
        GIB / 1e6 / ((System.nanoTime() - started) / 1e9));
    assertTrue(server.process.isAlive(), "the server survived");
  }

  @Test
  void r3_aGibUploadPassesThroughByteExact() throws Exception {
    long size = GIB;
    MessageDigest sent = MessageDigest.getInstance("SHA-256");
    AtomicLong produced = new AtomicLong();
    HttpRequest.BodyPublisher body =
        HttpRequest.BodyPublishers.fromPublisher(
            HttpRequest.BodyPublishers.ofInputStream(
                () ->
                    new InputStream() {
                      @Override
                      public int read() {
                        throw new UnsupportedOperationException();
                      }

                      @Override
                      public int read(byte[] b, int off, int len) {
                        long left = size - produced.get();
                        if (left <= 0) {
                          return -1;
                        }
                        int n = (int) Math.min(len, left);
                        for (int i = 0; i < n; i++) {
                          b[off + i] = (byte) ((produced.get() + i) * 31);
                        }
                        sent.update(b, off, n);
                        produced.addAndGet(n);
                        return n;
                      }
                    }),
            size);
    long started = System.nanoTime();
    HttpResponse<String> response =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(server.base() + "/upload")).POST(body).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.body().contains("\"bytes\":" + size), response.body());
    assertTrue(
        response.body().contains(HexFormat.of().formatHex(sent.digest())),
        "the worker got exactly what was sent: " + response.body());
    System.out.printf(
        "FIGURE 1 GiB upload through the proxy (256 MiB heap): %.0f MB/s%n",
        size / 1e6 / ((System.nanoTime() - started) / 1e9));
  }

  @Test
  void r3_serverSentEventsArriveAsTheWorkerWritesThem() throws Exception {
    long started = System.nanoTime();
    AtomicLong firstEventMillis = new AtomicLong(-1);
    StringBuilder text = new StringBuilder();
    HttpResponse<Void> response =
        CLIENT
            .sendAsync(
                HttpRequest.newBuilder(URI.create(server.base() + "/sse?count=3&interval=700"))
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
    assertEquals(3, text.toString().split("data:", -1).length - 1, text.toString());
    assertTrue(totalMillis >= 1400, "the stream lasted as written: " + totalMillis);
    assertTrue(
        firstEventMillis.get() < totalMillis - 1000,
        "the first event came before the stream ended: " + firstEventMillis + " of " + totalMillis);
  }
}
