package dev.fleetgate.sample;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answers what the worker saw of a request (R3, R4, R8, R10, R11): what a proxy test asserts on to
 * prove which worker answered and what the proxy forwarded.
 */
final class RequestInfo {

  /** Ten minutes: a delay long enough for any timeout test, short enough to end on its own. */
  static final long MAX_DELAY_MS = 600_000;

  private final WorkerIdentity identity;

  RequestInfo(WorkerIdentity identity) {
    this.identity = identity;
  }

  /** R3: worker, pid, port, method, raw path and query, Host and forwarding headers. */
  void info(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    Headers headers = exchange.getRequestHeaders();
    String json =
        Json.object()
            .add("worker", identity.workerId())
            .add("pid", identity.pid())
            .add("port", exchange.getLocalAddress().getPort())
            .add("method", exchange.getRequestMethod())
            .add("path", uri.getRawPath())
            .add("query", uri.getRawQuery())
            .add("host", joined(headers, "Host"))
            .add("xForwardedFor", joined(headers, "X-Forwarded-For"))
            .add("xForwardedProto", joined(headers, "X-Forwarded-Proto"))
            .add("xForwardedHost", joined(headers, "X-Forwarded-Host"))
            .add("xForwardedPort", joined(headers, "X-Forwarded-Port"))
            .add("forwarded", joined(headers, "Forwarded"))
            .end();
    JsonReply.send(exchange, 200, json);
  }

  /**
   * R18: which worker answered and from which port the request came: the same port on two requests
   * means a reused keep-alive connection.
   */
  void connection(HttpExchange exchange) throws IOException {
    JsonReply.send(
        exchange,
        200,
        Json.object()
            .add("worker", identity.workerId())
            .add("peerPort", exchange.getRemoteAddress().getPort())
            .end());
  }

  /** R4: every request header with all its values, names lower-cased and sorted. */
  void headers(HttpExchange exchange) throws IOException {
    Map<String, List<String>> sorted = new TreeMap<>();
    for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
      sorted.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue());
    }
    Json json = Json.object();
    for (Map.Entry<String, List<String>> header : sorted.entrySet()) {
      json.add(header.getKey(), header.getValue());
    }
    JsonReply.send(exchange, 200, json.end());
  }

  /** R8: waits {@code ms} (capped at ten minutes), then answers as {@link #info}. */
  void delay(HttpExchange exchange) throws IOException {
    long ms =
        Query.parse(exchange.getRequestURI().getRawQuery()).number("ms", 0, 0, Long.MAX_VALUE);
    try {
      Thread.sleep(Math.min(ms, MAX_DELAY_MS));
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
      return; // the server is going away; closing the exchange drops the connection
    }
    info(exchange);
  }

  /** R10: the worker is up. */
  void health(HttpExchange exchange) throws IOException {
    JsonReply.send(
        exchange,
        200,
        Json.object()
            .add("status", "UP")
            .add("worker", identity.workerId())
            .add("pid", identity.pid())
            .end());
  }

  /** R11: answers the status code named by the path's last segment, 200 to 599. */
  void status(HttpExchange exchange, String code) throws IOException {
    int status;
    try {
      status = Integer.parseInt(code);
    } catch (NumberFormatException notANumber) {
      status = -1;
    }
    if (status < 200 || status > 599) {
      throw new BadRequest("status must be a number from 200 to 599, got '" + code + "'");
    }
    JsonReply.send(
        exchange,
        status,
        Json.object().add("status", status).add("worker", identity.workerId()).end());
  }

  /** All values of one header joined as one field value, or {@code null} when absent. */
  private static String joined(Headers headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : String.join(", ", values);
  }
}
