package dev.fleetgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slow answers and long streams hold no more container threads than the fast path's budget ({@code
 * fleetgate.proxy.sync-threads}): the rest go asynchronous, and an ordinary request is still
 * answered at once (dev.fleetgate.proxy R15). A WebSocket handshake the worker never answers holds
 * no thread either, and ends with 504 at the response timeout (dev.fleetgate.proxy.upgrade R4).
 */
class SlowAnswersIT {
  static final int SLOW = 2_000;
  static final int HANGING_HANDSHAKES = 500;

  /** Longer than the slow answers (30 s), so those end with the worker's answer. */
  static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(40);

  static MicroProcess server;

  @BeforeAll
  static void start() throws Exception {
    server =
        MicroProcess.start(
            Path.of(System.getProperty("java.io.tmpdir"), "slow-answers-it"),
            // Four sample workers: each holds 500 of the slow requests within its 64 MiB heap
            // (two, at 1,000 each, ran out of memory answering them).
            Map.of(
                "FLEETGATE_WORKERS_COUNT",
                "4",
                "FLEETGATE_WORKERS_BASE_PORT",
                "23270",
                "FLEETGATE_PROXY_RESPONSE_TIMEOUT",
                RESPONSE_TIMEOUT.toSeconds() + "s"),
            List.of());
    Http.await(
        () -> Http.readyWorkers(server.base()) == 4, Duration.ofSeconds(180), "four workers ready");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void twoThousandSlowAnswersLeaveOrdinaryRequestsAnsweredAtOnce() throws Exception {
    assertOrdinaryRequestsAnsweredBeside("GET /delay?ms=30000 HTTP/1.1\r\nHost: x\r\n\r\n");
  }

  @Test
  void twoThousandOpenEventStreamsLeaveOrdinaryRequestsAnsweredAtOnce() throws Exception {
    assertOrdinaryRequestsAnsweredBeside(
        "GET /sse?count=30&interval=2000 HTTP/1.1\r\nHost: x\r\n\r\n");
  }

  @Test
  void handshakesAWorkerNeverAnswersHoldNoThreadAndEndWith504AtTheResponseTimeout()
      throws Exception {
    byte[] handshake =
        ("GET /delay?ms=120000 HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    List<Socket> hanging = new ArrayList<>();
    try {
      long opened = System.nanoTime();
      for (int i = 0; i < HANGING_HANDSHAKES; i++) {
        Socket socket = new Socket("127.0.0.1", server.port);
        socket.setSoTimeout((int) RESPONSE_TIMEOUT.plusSeconds(60).toMillis());
        socket.getOutputStream().write(handshake);
        hanging.add(socket);
      }
      Http.await(
          () -> inFlight() >= HANGING_HANDSHAKES * 9 / 10,
          Duration.ofSeconds(30),
          "the handshakes in flight at the workers");
      List<Long> millis = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        long started = System.nanoTime();
        assertEquals(200, Http.status(server.base(), "/ordinary?i=" + i));
        millis.add((System.nanoTime() - started) / 1_000_000);
      }
      assertTrue(
          millis.stream().filter(ms -> ms < 1_000).count() >= 19,
          "ordinary GETs answered within 1 s beside the hanging handshakes: " + millis + " ms");
      for (Socket socket : hanging) {
        String statusLine = firstLine(socket.getInputStream());
        assertTrue(statusLine.startsWith("HTTP/1.1 504"), statusLine);
      }
      long waited = (System.nanoTime() - opened) / 1_000_000;
      assertTrue(
          waited >= RESPONSE_TIMEOUT.toMillis() - 1_000,
          "the 504s came at the response timeout, not before: " + waited + " ms");
    } finally {
      for (Socket socket : hanging) {
        closeQuietly(socket);
      }
    }
    Http.await(() -> inFlight() == 0, Duration.ofSeconds(60), "the handshakes ended");
  }

  private static void assertOrdinaryRequestsAnsweredBeside(String slowRequest) throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      byte[] request = slowRequest.getBytes(StandardCharsets.ISO_8859_1);
      for (int i = 0; i < SLOW; i++) {
        Socket socket = new Socket("127.0.0.1", server.port);
        socket.getOutputStream().write(request);
        slow.add(socket);
      }
      Http.await(
          () -> inFlight() >= SLOW * 9 / 10,
          Duration.ofSeconds(60),
          "the slow requests in flight at the workers");
      List<Long> millis = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        long started = System.nanoTime();
        assertEquals(200, Http.status(server.base(), "/ordinary?i=" + i));
        millis.add((System.nanoTime() - started) / 1_000_000);
      }
      List<Long> sorted = millis.stream().sorted().toList();
      // Bounded well below the slow answers (30 s): a request that waited for a thread would fail.
      assertTrue(sorted.get(19) < 15_000, "every one answered within 15 s: " + millis + " ms");
      assertTrue(sorted.get(10) < 1_000, "most answered within 1 s: " + millis + " ms");
    } finally {
      for (Socket socket : slow) {
        closeQuietly(socket);
      }
    }
    Http.await(() -> inFlight() == 0, Duration.ofSeconds(120), "the slow requests ended");
  }

  private static long inFlight() {
    return Http.inFlight(server.base());
  }

  private static String firstLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      line.append((char) b);
    }
    return line.toString().strip();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // gone already
    }
  }
}
