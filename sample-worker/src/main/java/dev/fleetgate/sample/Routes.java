package dev.fleetgate.sample;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The worker's one handler: picks the endpoint for a request's path, answers 400 for a {@link
 * BadRequest}, 405 for a method the endpoint does not take, 500 for a bug, and always closes the
 * exchange.
 */
final class Routes implements HttpHandler {

  private static final String STATUS_PREFIX = "/status/";

  private final RequestInfo info;
  private final RequestBodies bodies = new RequestBodies();
  private final ResponseStreams streams;

  /** The chaos endpoints, or {@code null} when chaos is off. */
  private final Chaos chaos;

  Routes(WorkerIdentity identity, boolean chaosOn) {
    this.info = new RequestInfo(identity);
    this.streams = new ResponseStreams(identity);
    this.chaos = chaosOn ? new Chaos(identity) : null;
  }

  @Override
  public void handle(HttpExchange exchange) {
    try {
      route(exchange, exchange.getRequestURI().getRawPath());
    } catch (BadRequest badRequest) {
      answerIfStill(exchange, 400, badRequest.getMessage());
    } catch (IOException clientGone) {
      // The client closed the connection or the server is stopping: no one to answer.
    } catch (RuntimeException bug) {
      // Looked up only here: java.util.logging costs start-up time the happy path never needs.
      Logger.getLogger(Routes.class.getName())
          .log(Level.WARNING, "Request " + exchange.getRequestURI() + " failed", bug);
      answerIfStill(exchange, 500, "internal error: " + bug);
    } finally {
      exchange.close();
    }
  }

  /** The route table: one line per endpoint; any other path answers the request info (R3). */
  private void route(HttpExchange exchange, String path) throws IOException {
    switch (path) {
      case "/headers" -> info.headers(exchange);
      case "/connection" -> info.connection(exchange);
      case "/health" -> info.health(exchange);
      case "/delay" -> info.delay(exchange);
      case "/echo" -> {
        if (allows(exchange, "POST", "PUT")) {
          bodies.echo(exchange);
        }
      }
      case "/upload" -> {
        if (allows(exchange, "POST", "PUT")) {
          bodies.upload(exchange);
        }
      }
      case "/stream" -> {
        if (allows(exchange, "GET")) {
          streams.stream(exchange);
        }
      }
      case "/sse" -> {
        if (allows(exchange, "GET")) {
          streams.sse(exchange);
        }
      }
      case "/json" -> {
        if (allows(exchange, "GET", "HEAD")) {
          streams.json(exchange);
        }
      }
      case "/crash", "/hang", "/leak", "/cut" -> misbehave(exchange, path);
      default -> {
        if (path.startsWith(STATUS_PREFIX)) {
          info.status(exchange, path.substring(STATUS_PREFIX.length()));
        } else {
          info.info(exchange);
        }
      }
    }
  }

  private void misbehave(HttpExchange exchange, String path) throws IOException {
    if (chaos == null) {
      Chaos.off(exchange);
    } else if (path.equals("/crash")) {
      chaos.crash(exchange);
    } else if (path.equals("/hang")) {
      chaos.hang(exchange);
    } else if (path.equals("/cut")) {
      chaos.cut(exchange);
    } else {
      chaos.leak(exchange);
    }
  }

  /** Whether the request's method is one of {@code methods}; if not, answers 405 naming them. */
  private static boolean allows(HttpExchange exchange, String... methods) throws IOException {
    String method = exchange.getRequestMethod();
    for (String allowed : methods) {
      if (allowed.equals(method)) {
        return true;
      }
    }
    String allowed = String.join(", ", methods);
    exchange.getResponseHeaders().set("Allow", allowed);
    JsonReply.error(exchange, 405, method + " not allowed here; use " + allowed);
    return false;
  }

  /** Answers an error unless the response has begun, when all that is left is to close. */
  private static void answerIfStill(HttpExchange exchange, int status, String message) {
    if (exchange.getResponseCode() != -1) {
      return;
    }
    try {
      JsonReply.error(exchange, status, message);
    } catch (IOException clientGone) {
      // nothing more to do
    }
  }
}
