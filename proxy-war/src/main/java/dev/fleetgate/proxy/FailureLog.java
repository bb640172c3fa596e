package dev.fleetgate.proxy;

import jakarta.servlet.http.HttpServletRequest;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The proxy's log lines about failed requests and retries, worded alike for both paths (R5, R12),
 * each ending with the request's id (R18), which the client and the access log have too.
 */
final class FailureLog {
  private static final Logger LOG = Logger.getLogger(ProxyServlet.class.getName());

  private FailureLog() {}

  /** The request got the proxy's own error answer. */
  static void failed(HttpServletRequest request, RequestId id, String worker, Object why) {
    LOG.log(
        Level.WARNING,
        "{0} {1} failed on worker {2}: {3} (request id {4})",
        new Object[] {
          request.getMethod(),
          request.getRequestURI(),
          worker == null ? "-" : worker,
          why.toString(),
          id.toString()
        });
  }

  /** A try failed before any of its answer reached the client, and another worker gets it (R5). */
  static void retrying(RequestId id, String worker, Throwable why) {
    LOG.log(
        Level.INFO,
        "Worker {0} failed ({1}); trying another (request id {2})",
        new Object[] {worker, why.toString(), id.toString()});
  }

  /** A worker broke off in the middle of a body and the client's connection was cut. */
  static void brokeOffMidBody(
      HttpServletRequest request, RequestId id, String worker, long written, Throwable why) {
    LOG.log(
        Level.WARNING,
        "{0} {1}: worker {2} failed after {3} body bytes; client connection aborted: {4} (request"
            + " id {5})",
        new Object[] {
          request.getMethod(),
          request.getRequestURI(),
          worker,
          Long.toString(written),
          why.toString(),
          id.toString()
        });
  }
}
