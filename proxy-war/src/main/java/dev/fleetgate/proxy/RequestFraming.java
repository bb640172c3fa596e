package dev.fleetgate.proxy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses requests whose framing is ambiguous before any worker sees them (R13), and everything
 * that follows them on the same connection. RFC 9112 §6.3 says such requests ought to be handled as
 * errors and the connection closed after the answer; the container answers {@code Connection:
 * close} but still parses and serves a request pipelined behind the refused one, which would reach
 * a worker as a request of its own: the shape of request smuggling. So the refused connection is
 * remembered (client address and port) for a while, and what else arrives on it is refused too.
 */
final class RequestFraming {
  private static final long REMEMBER_NANOS = Duration.ofSeconds(30).toNanos();
  private static final int MAX_REMEMBERED = 10_000;
  private static final Map<String, Long> REFUSED = new ConcurrentHashMap<>();

  private RequestFraming() {}

  /** Why the request cannot be forwarded, as a status and a text; null when it can. */
  static Refusal check(HttpServletRequest request) {
    if (!REFUSED.isEmpty() && followsARefusal(request)) {
      return new Refusal(
          HttpServletResponse.SC_BAD_REQUEST, "bad request: sent after a refused request");
    }
    List<String> codings = Collections.list(request.getHeaders("Transfer-Encoding"));
    if (!codings.isEmpty()) {
      if (request.getHeader("Content-Length") != null) {
        return new Refusal(
            HttpServletResponse.SC_BAD_REQUEST,
            "bad request: both Content-Length and Transfer-Encoding");
      }
      if (codings.size() != 1 || !codings.get(0).trim().equalsIgnoreCase("chunked")) {
        return new Refusal(
            HttpServletResponse.SC_NOT_IMPLEMENTED,
            "not implemented: only Transfer-Encoding: chunked is understood");
      }
    }
    if (Collections.list(request.getHeaders("Host")).size() > 1) {
      return new Refusal(HttpServletResponse.SC_BAD_REQUEST, "bad request: more than one Host");
    }
    return null;
  }

  /** Answers the refusal, asks for the connection to be closed, and remembers it. */
  static void refuse(HttpServletRequest request, HttpServletResponse response, Refusal refusal)
      throws IOException {
    long now = System.nanoTime();
    REFUSED.values().removeIf(until -> until - now <= 0);
    if (REFUSED.size() < MAX_REMEMBERED) {
      REFUSED.put(connection(request), now + REMEMBER_NANOS);
    }
    response.setHeader("Connection", "close");
    ProxyServlet.reply(response, refusal.status(), refusal.text());
  }

  private static boolean followsARefusal(HttpServletRequest request) {
    Long until = REFUSED.get(connection(request));
    return until != null && until - System.nanoTime() > 0;
  }

  private static String connection(HttpServletRequest request) {
    return request.getRemoteAddr() + ':' + request.getRemotePort() + '>' + request.getLocalPort();
  }

  record Refusal(int status, String text) {}
}
