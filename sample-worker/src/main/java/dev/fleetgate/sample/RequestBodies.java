package dev.fleetgate.sample;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Endpoints that read a request body (R5, R6), always through a fixed buffer so a body of any size
 * costs the same memory.
 */
final class RequestBodies {

  private static final int BUFFER_BYTES = 16 * 1024;

  /** R5: streams the body back as it arrives, chunked, each read flushed before the next. */
  void echo(HttpExchange exchange) throws IOException {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type != null) {
      exchange.getResponseHeaders().set("Content-Type", type);
    }
    exchange.sendResponseHeaders(200, 0);
    byte[] buffer = new byte[BUFFER_BYTES];
    try (InputStream in = exchange.getRequestBody();
        OutputStream out = exchange.getResponseBody()) {
      for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
        out.write(buffer, 0, read);
        out.flush();
      }
    }
  }

  /** R6: reads and discards the body, then answers its length and SHA-256. */
  void upload(HttpExchange exchange) throws IOException {
    MessageDigest sha256 = sha256();
    long bytes = 0;
    byte[] buffer = new byte[BUFFER_BYTES];
    try (InputStream in = exchange.getRequestBody()) {
      for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
        sha256.update(buffer, 0, read);
        bytes += read;
      }
    }
    String hex = HexFormat.of().formatHex(sha256.digest());
    JsonReply.send(exchange, 200, Json.object().add("bytes", bytes).add("sha256", hex).end());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException everyJdkHasIt) {
      throw new IllegalStateException(everyJdkHasIt);
    }
  }
}
