package dev.fleetgate.sample;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Endpoints that write a long answer piece by piece (R7, R9): what proxy buffering tests need. */
final class ResponseStreams {

  private static final int ALPHABET = 26;
  private static final int MAX_CHUNK = 1024 * 1024;

  private final WorkerIdentity identity;

  ResponseStreams(WorkerIdentity identity) {
    this.identity = identity;
  }

  /**
   * R7: {@code bytes} bytes (default 1 MiB) of repeated a-z, written and flushed {@code chunk}
   * bytes (default 64 KiB, at most 1 MiB) at a time; chunked, or with a Content-Length when {@code
   * length=true}.
   */
  void stream(HttpExchange exchange) throws IOException {
    Query query = Query.parse(exchange.getRequestURI().getRawQuery());
    long bytes = query.number("bytes", 1024 * 1024, 0, Long.MAX_VALUE);
    int chunk = (int) query.number("chunk", 64 * 1024, 1, MAX_CHUNK);
    boolean length = query.flag("length");
    // One pattern buffer serves every write: the alphabet repeats, so a write starting at offset
    // `sent` is the slice starting at `sent % 26`.
    byte[] pattern = new byte[chunk + ALPHABET];
    for (int i = 0; i < pattern.length; i++) {
      pattern[i] = (byte) ('a' + i % ALPHABET);
    }
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=us-ascii");
    exchange.sendResponseHeaders(200, length ? (bytes == 0 ? -1 : bytes) : 0);
    try (OutputStream out = exchange.getResponseBody()) {
      for (long sent = 0; sent < bytes; ) {
        int size = (int) Math.min(chunk, bytes - sent);
        out.write(pattern, (int) (sent % ALPHABET), size);
        out.flush();
        sent += size;
      }
    }
  }

  /**
   * R9: {@code count} server-sent events (default 5), one every {@code interval} ms (default 100),
   * each flushed as written: {@code id: i} and {@code data: {"worker":..,"seq":i}}, i from 1.
   */
  void sse(HttpExchange exchange) throws IOException {
    Query query = Query.parse(exchange.getRequestURI().getRawQuery());
    long count = query.number("count", 5, 0, Long.MAX_VALUE);
    long interval = query.number("interval", 100, 0, RequestInfo.MAX_DELAY_MS);
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      for (long seq = 1; seq <= count; seq++) {
        if (seq > 1) {
          Thread.sleep(interval);
        }
        String data = Json.object().add("worker", identity.workerId()).add("seq", seq).end();
        out.write(("id: " + seq + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
    }
  }
}
