package dev.fleetgate.sample;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** A sample worker started in this JVM on a free loopback port, and a client that talks to it. */
final class LocalWorker implements AutoCloseable {

  /**
   * HTTP/1.1 only: the JDK client would otherwise ask every request to upgrade to h2c, which adds
   * headers the worker would echo.
   */
  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** Short, so a test that leaves a handler hanging does not slow the suite. */
  private static final Duration CLOSE_GRACE = Duration.ofMillis(100);

  final WorkerServer server;

  private LocalWorker(WorkerServer server) {
    this.server = server;
  }

  static LocalWorker start(WorkerConfig config) {
    return start(config, System.out);
  }

  static LocalWorker start(WorkerConfig config, PrintStream accessLogOut) {
    try {
      return new LocalWorker(WorkerServer.start(config, accessLogOut));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return server.address().getPort();
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
  }

  HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(20));
  }

  HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return CLIENT.send(request(pathAndQuery).build(), BodyHandlers.ofString());
  }

  @Override
  public void close() {
    server.stop(CLOSE_GRACE);
  }

  /** Polls {@code condition} until it holds; fails after {@code timeout}. */
  static void awaitTrue(BooleanSupplier condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline >= 0) {
        throw new AssertionError("timed out after " + timeout + " waiting until " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting until " + what, e);
      }
    }
  }
}
