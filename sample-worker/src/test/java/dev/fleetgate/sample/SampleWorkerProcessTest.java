package dev.fleetgate.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The worker as the supervisor sees it: a process started with environment variables, announcing
 * itself on stdout and stderr, ending with an exit code. R1.1, R2, R5, R12.1, R13, R16.
 */
@Timeout(60)
class SampleWorkerProcessTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Pattern LISTENING =
      Pattern.compile("sample-worker (\\S+) listening on 127\\.0\\.0\\.1:(\\d+) \\(pid (\\d+)\\)");

  private WorkerProcess worker;

  @AfterEach
  void killWorker() {
    if (worker != null) {
      worker.close();
    }
  }

  @Test
  void r2_r13_announcesItselfServesAndExitsZeroOnSigterm() throws Exception {
    worker = WorkerProcess.start(Map.of("PORT", "0", "WORKER_ID", "p-1"));

    Matcher listening = worker.stdout.await(LISTENING, WAIT);
    worker.stderr.await(Pattern.compile("sample-worker p-1 stderr ready"), WAIT);
    assertEquals("p-1", listening.group(1));
    assertEquals(worker.process.pid(), Long.parseLong(listening.group(3)));
    int port = Integer.parseInt(listening.group(2));
    assertTrue(port > 0, "port " + port);
    assertEquals(200, get(port, "/health").statusCode());

    // SIGTERM, as Process.destroy() sends, but through the handle: Process.destroy() also closes
    // our end of the pipes, and the last stdout line would be lost.
    worker.process.toHandle().destroy();

    assertEquals(0, worker.awaitExit(WAIT));
    List<String> stdout = worker.stdout.linesAfterEnd(WAIT);
    assertEquals(List.of(listening.group(), "sample-worker p-1 stopping"), stdout);
  }

  @Test
  void r5_echoesABodyFarLargerThanItsHeap() throws Exception {
    worker = WorkerProcess.start(Map.of("PORT", "0"));
    int port = Integer.parseInt(worker.stdout.await(LISTENING, WAIT).group(2));
    long length = 160L * 1024 * 1024; // the worker runs with -Xmx64m
    MessageDigest sent = MessageDigest.getInstance("SHA-256");
    MessageDigest echoed = MessageDigest.getInstance("SHA-256");

    try (RawHttp http = new RawHttp(port)) {
      CompletableFuture<Void> sending =
          http.sendInBackground(
              "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: " + length + "\r\n\r\n",
              new DigestInputStream(new PseudoRandomBytes(length), sent));
      http.readUntil("\r\n\r\n");
      http.readChunkedBody(new DigestOutputStream(OutputStream.nullOutputStream(), echoed));
      sending.get(30, TimeUnit.SECONDS);
    }

    assertArrayEquals(sent.digest(), echoed.digest());
    assertTrue(worker.process.isAlive());
  }

  @Test
  void r1_1_exitsWithCode2NamingAnInvalidPort() throws Exception {
    worker = WorkerProcess.start(Map.of("PORT", "80a"));

    assertEquals(SampleWorker.EXIT_CONFIG, worker.awaitExit(WAIT));
    List<String> stderr = worker.stderr.linesAfterEnd(WAIT);
    assertEquals(1, stderr.size(), stderr.toString());
    assertTrue(stderr.get(0).contains("PORT='80a'"), stderr.get(0));
    assertEquals(List.of(), worker.stdout.linesAfterEnd(WAIT));
  }

  @Test
  void r12_1_crashesWithTheExitCodeAskedFor() throws Exception {
    worker = WorkerProcess.start(Map.of("PORT", "0", "SAMPLE_WORKER_CHAOS", "true"));
    int port = Integer.parseInt(worker.stdout.await(LISTENING, WAIT).group(2));

    assertThrows(IOException.class, () -> get(port, "/crash?code=3"));

    assertEquals(3, worker.awaitExit(WAIT));
  }

  @Test
  void r16_waitsTheStartDelayBeforeListening() throws Exception {
    long start = System.nanoTime();
    worker = WorkerProcess.start(Map.of("PORT", "0", "SAMPLE_WORKER_START_DELAY_MS", "700"));

    worker.stdout.await(LISTENING, WAIT);

    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis >= 700, "listening after " + millis + " ms");
  }

  /** {@code length} bytes from a seeded generator, made as they are read. */
  private static final class PseudoRandomBytes extends InputStream {

    private final Random random = new Random(42);
    private long left;

    PseudoRandomBytes(long length) {
      this.left = length;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (left == 0) {
        return -1;
      }
      int size = (int) Math.min(length, left);
      byte[] bytes = new byte[size];
      random.nextBytes(bytes);
      System.arraycopy(bytes, 0, buffer, offset, size);
      left -= size;
      return size;
    }
  }

  private static HttpResponse<String> get(int port, String path)
      throws IOException, InterruptedException {
    return LocalWorker.CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(WAIT).build(),
        BodyHandlers.ofString());
  }
}
