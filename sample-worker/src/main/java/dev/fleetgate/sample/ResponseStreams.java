package dev.fleetgate.sample;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Endpoints that write a long answer piece by piece (R7, R9) or one of a given size (R19): what
 * proxy buffering and compression tests need.
 */
final class ResponseStreams {

  private static final int ALPHABET = 26;
  private static final int MAX_CHUNK = 1024 * 1024;
  private static final long MAX_JSON = 64L * 1024 * 1024;

  private final WorkerIdentity identity;

  ResponseStreams(WorkerIdentity identity) {
    this.identity = identity;
  }

  /**
   * R7: {@code bytes} bytes (default 1 MiB) of repeated a-z, written and flushed {@code chunk}
   * bytes (default 64 KiB, at most 1 MiB) at a time, {@code interval} ms apart (default 0);
   * chunked, or with a Content-Length (and {@code Accept-Ranges: bytes}) when {@code length=true};
   * as {@code type} (default plain text). A {@code Range: bytes=first-last} (or {@code first-})
   * request gets that part: 206 with its {@code Content-Range} and length, or 416 when it starts
   * past the end.
   */
  void stream(HttpExchange exchange) throws IOException {
    Query query = Query.parse(exchange.getRequestURI().getRawQuery());
    long bytes = query.number("bytes", 1024 * 1024, 0, Long.MAX_VALUE);
    int chunk = (int) query.number("chunk", 64 * 1024, 1, MAX_CHUNK);
    long interval = query.number("interval", 0, 0, RequestInfo.MAX_DELAY_MS);
    boolean length = query.flag("length");
    exchange
        .getResponseHeaders()
        .set("Content-Type", query.text("type", "text/plain; charset=us-ascii"));
    long[] range = range(exchange.getRequestHeaders().getFirst("Range"), bytes);
    if (range != null && range[0] >= bytes) {
      exchange.getResponseHeaders().set("Content-Range", "bytes */" + bytes);
      exchange.sendResponseHeaders(416, -1);
      return;
    }
    long first = 0;
    long end = bytes; // exclusive
    if (range != null) {
      first = range[0];
      end = Math.min(bytes, range[1] + 1);
      exchange
          .getResponseHeaders()
          .set("Content-Range", "bytes " + first + "-" + (end - 1) + "/" + bytes);
      exchange.sendResponseHeaders(206, end - first);
    } else {
      if (length) {
        exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
      }
      exchange.sendResponseHeaders(200, length ? (bytes == 0 ? -1 : bytes) : 0);
    }
    // One pattern buffer serves every write: the alphabet repeats, so a write starting at offset
    // `at` is the slice starting at `at % 26`.
    byte[] pattern = new byte[chunk + ALPHABET];
    for (int i = 0; i < pattern.length; i++) {
      pattern[i] = (byte) ('a' + i % ALPHABET);
    }
    try (OutputStream out = exchange.getResponseBody()) {
      for (long at = first; at < end; ) {
        if (at > first && interval > 0) {
          Thread.sleep(interval);
        }
        int size = (int) Math.min(chunk, end - at);
        out.write(pattern, (int) (at % ALPHABET), size);
        out.flush();
        at += size;
      }
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The one range {@code bytes=first-last} or {@code bytes=first-} asks for, as {first, last}; null
   * for anything else (no header, several ranges, a suffix range), which gets the whole body, as a
   * server may answer any Range it does not serve.
   */
  static long[] range(String header, long size) {
    if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
      return null;
    }
    String spec = header.substring("bytes=".length()).trim();
    int dash = spec.indexOf('-');
    if (dash <= 0) {
      return null;
    }
    try {
      long first = Long.parseLong(spec.substring(0, dash));
      long last = dash == spec.length() - 1 ? size - 1 : Long.parseLong(spec.substring(dash + 1));
      return first < 0 || last < first ? null : new long[] {first, last};
    } catch (NumberFormatException notARange) {
      return null;
    }
  }

  /**
   * R19: a JSON document of exactly {@code bytes} bytes (default 4096, at most 64 MiB) with its
   * Content-Length: the worker's id and numbered items, padded with spaces.
   */
  void json(HttpExchange exchange) throws IOException {
    Query query = Query.parse(exchange.getRequestURI().getRawQuery());
    long bytes = query.number("bytes", 4096, 0, MAX_JSON);
    String opening = Json.object().add("worker", identity.workerId()).end();
    // The builder closes the object; it goes on with the items instead.
    StringBuilder json =
        new StringBuilder((int) bytes)
            .append(opening, 0, opening.length() - 1)
            .append(",\"items\":[");
    if (json.length() + 2 > bytes) {
      throw new BadRequest("bytes must be at least " + (json.length() + 2) + " here");
    }
    for (int seq = 1; ; seq++) {
      String item = (seq > 1 ? "," : "") + "{\"seq\":" + seq + ",\"name\":\"item " + seq + "\"}";
      if (json.length() + item.length() + 2 > bytes) {
        break;
      }
      json.append(item);
    }
    json.append(']');
    while (json.length() < bytes - 1) {
      json.append(' ');
    }
    JsonReply.send(exchange, 200, json.append('}').toString());
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
