package dev.fleetgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * R12 with chaos on, in this JVM: hang and leak. Crash halts its process, so {@link
 * SampleWorkerProcessTest} proves it; R12.4 (chaos off) is in {@link RequestInfoTest}.
 */
@Timeout(30)
class ChaosTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private LocalWorker worker;

  @BeforeEach
  void startWorker() {
    worker = LocalWorker.start(WorkerConfig.loopback(0, "c-1", true));
  }

  @AfterEach
  void stopWorker() {
    worker.close();
  }

  @Test
  void r12_2_hangsWithoutAnsweringUntilTheWorkerStops() throws Exception {
    assertThrows(
        HttpTimeoutException.class,
        () ->
            LocalWorker.CLIENT.send(
                worker.request("/hang").timeout(Duration.ofMillis(300)).build(),
                BodyHandlers.ofString()));
    LocalWorker.awaitTrue(() -> worker.server.inFlight() == 1, WAIT, "the hang is still in flight");

    worker.server.stop(Duration.ofMillis(100));

    LocalWorker.awaitTrue(() -> worker.server.inFlight() == 0, WAIT, "the hang is interrupted");
  }

  @Test
  void r12_3_leaksNativeMemoryAndKeepsCount() throws Exception {
    HttpResponse<String> first = worker.get("/leak?mb=2");
    HttpResponse<String> second = worker.get("/leak?mb=3");

    assertEquals(200, first.statusCode());
    assertEquals("{\"worker\":\"c-1\",\"leakedMb\":2}", first.body());
    assertEquals("{\"worker\":\"c-1\",\"leakedMb\":5}", second.body());
  }

  @Test
  void r12_5_cutsABodyShortAndFallsSilent() throws Exception {
    try (var socket = new java.net.Socket("127.0.0.1", worker.port())) {
      socket
          .getOutputStream()
          .write(
              "GET /cut?after=100&then=hang HTTP/1.1\r\nHost: x\r\n\r\n"
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.setSoTimeout(5_000);
      var in = socket.getInputStream();
      StringBuilder seen = new StringBuilder();
      while (seen.chars().filter(c -> c == 'x').count() < 100) {
        int b = in.read();
        assertEquals(true, b >= 0, "the worker closed before sending 100 bytes: " + seen);
        seen.append((char) b);
      }
      socket.setSoTimeout(300);
      StringBuilder after = new StringBuilder();
      assertThrows(
          java.net.SocketTimeoutException.class,
          () -> {
            for (int b; (b = in.read()) >= 0; ) {
              after.append((char) b);
            }
          },
          "the body must not end after the cut");
      assertEquals("\r\n", after.toString(), "only the end of the 100-byte chunk follows");
    }
  }

  @Test
  void r12_3_refusesANegativeSize() throws Exception {
    assertEquals(400, worker.get("/leak?mb=-1").statusCode());
  }
}
