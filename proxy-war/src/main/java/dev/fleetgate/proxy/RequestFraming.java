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
    Refusal malformed = RequestSyntax.check(request);
    if (malformed != null) {
      return malformed;
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

  /**
   * True when the request has a body whose length it did not declare: chunked on HTTP/1.1; on
   * HTTP/2 (which frames a body by its stream's end, not by a header), any request but GET or HEAD
   * without {@code content-length}, since the servlet cannot see whether the stream ended with its
   * headers. Such a body goes to the worker chunked; an empty one as an empty chunked body.
   */
  static boolean undeclaredLengthBody(HttpServletRequest request) {
    if (request.getHeader("Transfer-Encoding") != null) {
      return true;
    }
    return request.getContentLengthLong() < 0
        && "HTTP/2.0".equals(request.getProtocol())
        && !request.getMethod().equals("GET")
        && !request.getMethod().equals("HEAD");
  }

  /** Answers the refusal and asks for the connection to be closed. */
  static void refuse(HttpServletResponse response, Refusal refusal) throws IOException {
    response.setHeader("Connection", "close");
    ProxyServlet.reply(response, refusal.status(), refusal.text());
  }

  record Refusal(int status, String text) {}
}
