package dev.fleetgate.proxy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;

/**
 * Refuses requests whose framing is ambiguous before any worker sees them (R13). The front door
 * (the {@code front-door} server library) refuses them first, ahead of the container's parser, and
 * closes the connection so nothing pipelined behind them is read; this check stays for a server
 * that runs without it. It keeps no memory of refused connections: ports come back, and a valid
 * request on a new connection must never be refused for what another one did.
 */
final class RequestFraming {
  private RequestFraming() {}

  /** Why the request cannot be forwarded, as a status and a text; null when it can. */
  static Refusal check(HttpServletRequest request) {
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

  /** Answers the refusal and asks for the connection to be closed. */
  static void refuse(HttpServletResponse response, Refusal refusal) throws IOException {
    response.setHeader("Connection", "close");
    ProxyServlet.reply(response, refusal.status(), refusal.text());
  }

  record Refusal(int status, String text) {}
}
