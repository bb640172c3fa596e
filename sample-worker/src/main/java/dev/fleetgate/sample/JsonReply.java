package dev.fleetgate.sample;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Sends a whole JSON answer with its {@code Content-Length}; the exchange stays to be closed. */
final class JsonReply {

  private JsonReply() {}

  static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    // HEAD, 204 and 304 carry no body; -1 tells the JDK server so without a logged warning.
    if (exchange.getRequestMethod().equals("HEAD") || status == 204 || status == 304) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  static void error(HttpExchange exchange, int status, String message) throws IOException {
    send(exchange, status, Json.object().add("status", status).add("error", message).end());
  }
}
