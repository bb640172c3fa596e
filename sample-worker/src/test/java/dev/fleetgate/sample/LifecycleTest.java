package dev.fleetgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How a worker lives: R13 graceful stop, R14 concurrency and keep-alive, R15 access log. */
@Timeout(30)
class LifecycleTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    // Last opened, first closed: client streams before the worker they read from.
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      cleanup.get(i).close();
    }
  }

  @Test
  void r13_letsARequestInFlightFinishThenStopsAcceptingAndReturns() throws Exception {
    LocalWorker worker = started(false, System.out);
    CompletableFuture<HttpResponse<String>> inFlight =
        LocalWorker.CLIENT.sendAsync(
            worker.request("/delay?ms=500").build(), BodyHandlers.ofString());
    LocalWorker.awaitTrue(() -> worker.server.inFlight() == 1, WAIT, "the delay is in flight");

    long start = System.nanoTime();
    worker.server.stop(Duration.ofSeconds(5));
    long stopMillis = (System.nanoTime() - start) / 1_000_000;

    assertEquals(200, inFlight.get(5, TimeUnit.SECONDS).statusCode());
    assertTrue(stopMillis < 4_000, "stop took " + stopMillis + " ms of a 5 s grace");
    assertThrows(ConnectException.class, () -> worker.get("/health"));
  }

  @Test
  void r13_stopsAnIdleWorkerAtOnce() {
    LocalWorker worker = started(false, System.out);

    assertTimeout(Duration.ofSeconds(2), () -> worker.server.stop(Duration.ofSeconds(5)));
  }

  @Test
  void r13_cutsARequestThatOutlastsTheGrace() throws Exception {
    LocalWorker worker = started(false, System.out);
    CompletableFuture<HttpResponse<String>> slow =
        LocalWorker.CLIENT.sendAsync(
            worker.request("/delay?ms=600000").build(), BodyHandlers.ofString());
    LocalWorker.awaitTrue(() -> worker.server.inFlight() == 1, WAIT, "the delay is in flight");

    worker.server.stop(Duration.ofMillis(200));

    ExecutionException cut =
        assertThrows(ExecutionException.class, () -> slow.get(5, TimeUnit.SECONDS));
    assertTrue(cut.getCause() instanceof IOException, cut.toString());
    LocalWorker.awaitTrue(() -> worker.server.inFlight() == 0, WAIT, "the handler is interrupted");
  }

  @Test
  void r14_servesManySlowRequestsAtOnce() throws Exception {
    LocalWorker worker = started(false, System.out);
    int streams = 40;
    List<CompletableFuture<HttpResponse<InputStream>>> responses = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      // Each stream answers its headers at once, then waits ten minutes for its second event.
      responses.add(
          LocalWorker.CLIENT.sendAsync(
              worker.request("/sse?count=2&interval=600000").build(),
              BodyHandlers.ofInputStream()));
    }

    for (CompletableFuture<HttpResponse<InputStream>> response : responses) {
      HttpResponse<InputStream> open = response.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      cleanup.add(open.body());
      assertEquals(200, open.statusCode());
    }
    assertEquals(streams, worker.server.inFlight());
  }

  @Test
  void r14_keepsTheConnectionAliveBetweenRequests() throws Exception {
    LocalWorker worker = started(false, System.out);
    try (RawHttp http = new RawHttp(worker.port())) {
      for (int i = 0; i < 3; i++) {
        http.send("GET /health HTTP/1.1\r\nHost: test\r\n\r\n");

        assertTrue(http.readUntil("\r\n\r\n").startsWith("HTTP/1.1 200"));
        assertTrue(http.readUntil("}").contains("\"status\":\"UP\""));
      }
    }
  }

  @Test
  void r15_printsOneLinePerRequestWhenAsked() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    LocalWorker worker = started(true, new PrintStream(log, true, StandardCharsets.UTF_8));

    worker.get("/health");
    worker.get("/status/503?why=test");

    LocalWorker.awaitTrue(
        () -> log.toString(StandardCharsets.UTF_8).lines().count() == 2, WAIT, "two log lines");
    // A line is written once its response is sent, so the next request may log first.
    List<String> lines = log.toString(StandardCharsets.UTF_8).lines().sorted().toList();
    assertTrue(lines.get(0).matches("GET /health 200 \\d+ms"), lines.toString());
    assertTrue(lines.get(1).matches("GET /status/503 503 \\d+ms"), lines.toString());
  }

  @Test
  void r15_printsNothingByDefault() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    LocalWorker worker = started(false, new PrintStream(log, true, StandardCharsets.UTF_8));

    worker.get("/health");
    worker.close();

    assertEquals("", log.toString(StandardCharsets.UTF_8));
  }

  private LocalWorker started(boolean accessLog, PrintStream out) {
    WorkerConfig config = new WorkerConfig("127.0.0.1", 0, "l-1", false, Duration.ZERO, accessLog);
    LocalWorker worker = LocalWorker.start(config, out);
    cleanup.add(worker);
    return worker;
  }
}
