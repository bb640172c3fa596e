package dev.fleetgate.sample;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Misbehaviour on demand (R12), for the supervisor's crash, hang and memory tests. {@link Routes}
 * reaches it only when {@code SAMPLE_WORKER_CHAOS=true}.
 */
final class Chaos {

  private static final int MIB = 1024 * 1024;
  private static final int PAGE = 4096;

  private final WorkerIdentity identity;

  /** Kept so the leaked memory stays reachable; guarded by {@code this}. */
  private final List<ByteBuffer> leaked = new ArrayList<>();

  Chaos(WorkerIdentity identity) {
    this.identity = identity;
  }

  /** R12.1: halts the process at once with exit code {@code code} (default 1); no answer. */
  void crash(HttpExchange exchange) {
    int code = (int) Query.parse(exchange.getRequestURI().getRawQuery()).number("code", 1, 0, 255);
    System.err.println("sample-worker " + identity.workerId() + " crashing with exit code " + code);
    System.err.flush();
    Runtime.getRuntime().halt(code);
  }

  /** R12.2: never answers; blocks the handler thread until it is interrupted by a stop. */
  void hang(HttpExchange exchange) {
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * R12.3: allocates {@code mb} MiB (default 1) of direct memory, writes every page so the resident
   * set grows, keeps it, and answers the total kept. Direct memory is capped by {@code
   * -XX:MaxDirectMemorySize} (by default the heap size): past the cap it answers 507 with the total
   * kept so far.
   */
  void leak(HttpExchange exchange) throws IOException {
    long mb = Query.parse(exchange.getRequestURI().getRawQuery()).number("mb", 1, 0, 1024 * 1024);
    String failure = null;
    long total;
    synchronized (this) {
      try {
        for (long i = 0; i < mb; i++) {
          leaked.add(touched(ByteBuffer.allocateDirect(MIB)));
        }
      } catch (OutOfMemoryError directMemoryCap) {
        failure = "direct memory exhausted: " + directMemoryCap.getMessage();
      }
      total = leaked.size();
    }
    Json json = Json.object().add("worker", identity.workerId()).add("leakedMb", total);
    if (failure != null) {
      JsonReply.send(exchange, 507, json.add("error", failure).end());
    } else {
      JsonReply.send(exchange, 200, json.end());
    }
  }

  /**
   * R12.5: starts a chunked 200 answer, writes {@code after} bytes (default 1024), then either
   * halts the process ({@code then=crash}, the default) or falls silent ({@code then=hang}): a
   * worker that fails in the middle of a body.
   */
  void cut(HttpExchange exchange) throws IOException {
    Query query = Query.parse(exchange.getRequestURI().getRawQuery());
    int after = (int) query.number("after", 1024, 0, 64 * MIB);
    boolean crash = !"hang".equals(query.text("then", "crash"));
    exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
    exchange.sendResponseHeaders(200, 0);
    var body = exchange.getResponseBody();
    byte[] chunk = new byte[Math.min(after, 16 * 1024)];
    java.util.Arrays.fill(chunk, (byte) 'x');
    for (int left = after; left > 0; left -= chunk.length) {
      body.write(chunk, 0, Math.min(left, chunk.length));
    }
    body.flush();
    if (crash) {
      System.err.println("sample-worker " + identity.workerId() + " crashing mid-body");
      System.err.flush();
      Runtime.getRuntime().halt(1);
    }
    hang(exchange);
  }

  /** R12.4: what the chaos paths answer when chaos is off. */
  static void off(HttpExchange exchange) throws IOException {
    JsonReply.error(
        exchange,
        404,
        "chaos is off: "
            + exchange.getRequestURI().getRawPath()
            + " needs SAMPLE_WORKER_CHAOS=true");
  }

  private static ByteBuffer touched(ByteBuffer buffer) {
    for (int i = 0; i < buffer.capacity(); i += PAGE) {
      buffer.put(i, (byte) 1);
    }
    return buffer;
  }
}
