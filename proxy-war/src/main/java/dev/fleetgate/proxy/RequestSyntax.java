package dev.fleetgate.proxy;

import dev.fleetgate.frontdoor.RequestTarget;
import dev.fleetgate.proxy.headers.HttpTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Enumeration;

/**
 * What an HTTP/1.1 request line and header lines cannot carry but an HTTP/2 request can, since its
 * head arrives as decoded fields rather than text (R13): a space or control in the target, a method
 * or field name that is not a token, CR, LF or NUL in a value, a {@code content-length} that is not
 * one number, a host that is not one. Written into the worker's HTTP/1.1 connection, any of them
 * would let a client add a header or a whole second request of its own there (HTTP/2 to HTTP/1.1
 * request smuggling). The front door refuses them in HTTP/1.1 text before the container parses it;
 * the container's HTTP/2 code refuses some (upper-case names, controls in values) but not all (a
 * space in {@code :path}, a colon in a name). The method and target are checked on every request,
 * since the same head goes to the worker whatever the client spoke; the fields only on HTTP/2.
 */
final class RequestSyntax {
  /** Whether the front door's path checks are on the class path (not in an EAR without it). */
  private static final boolean FRONT_DOOR_PATHS = frontDoorPaths();

  private RequestSyntax() {}

  /** Why the request's head cannot be written to a worker, or null when it can. */
  static RequestFraming.Refusal check(HttpServletRequest request) {
    if (!HttpTokens.isToken(request.getMethod())) {
      return badRequest("the method is not a token");
    }
    if (!isTarget(request.getRequestURI()) || !isVisible(request.getQueryString())) {
      return badRequest("a space or control character in the request target");
    }
    return "HTTP/2.0".equals(request.getProtocol()) ? http2(request) : null;
  }

  private static RequestFraming.Refusal http2(HttpServletRequest request) {
    if (FRONT_DOOR_PATHS) {
      // The dot segments and encoded slashes the front door refuses in HTTP/1.1 text.
      String why = RequestTarget.refusal(request.getRequestURI());
      if (why != null) {
        return new RequestFraming.Refusal(HttpServletResponse.SC_BAD_REQUEST, why);
      }
    }
    return fields(request);
  }

  private static boolean frontDoorPaths() {
    try {
      Class.forName(
          "dev.fleetgate.frontdoor.RequestTarget", false, RequestSyntax.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError absent) {
      return false;
    }
  }

  private static RequestFraming.Refusal fields(HttpServletRequest request) {
    Enumeration<String> names = request.getHeaderNames();
    while (names.hasMoreElements()) {
      String name = names.nextElement();
      if (!HttpTokens.isToken(name)) {
        return badRequest("a header name that is not a token");
      }
      Enumeration<String> values = request.getHeaders(name);
      while (values.hasMoreElements()) {
        if (!isFieldValue(values.nextElement())) {
          return badRequest("CR, LF or NUL in a header value");
        }
      }
    }
    String host = request.getHeader("Host");
    if (host != null && !isAuthority(host)) {
      return badRequest("a host that is not a host name, address and port");
    }
    return contentLength(request);
  }

  /** RFC 3986 §3.2 authority characters (no user info): what nginx accepts in Host. */
  private static boolean isAuthority(String host) {
    return !host.isEmpty()
        && every(
            host,
            c ->
                (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "-._~%!$&'()*+,;=:[]".indexOf(c) >= 0);
  }

  /** One length, or the same one repeated (RFC 9110 §8.6), and only digits. */
  private static RequestFraming.Refusal contentLength(HttpServletRequest request) {
    Enumeration<String> values = request.getHeaders("Content-Length");
    String first = null;
    while (values.hasMoreElements()) {
      String value = values.nextElement().trim();
      if (value.isEmpty() || !every(value, c -> c >= '0' && c <= '9')) {
        return badRequest("a content-length that is not a number");
      }
      if (first != null && !first.equals(value)) {
        return badRequest("two different content-length values");
      }
      first = value;
    }
    return null;
  }

  private static RequestFraming.Refusal badRequest(String what) {
    return new RequestFraming.Refusal(HttpServletResponse.SC_BAD_REQUEST, "bad request: " + what);
  }

  /** Origin form (or {@code *}): a slash, then no space, control or DEL, as the front door says. */
  static boolean isTarget(String path) {
    if (path == null || path.isEmpty() || path.charAt(0) != '/') {
      return "*".equals(path);
    }
    return isVisible(path);
  }

  /** No space, control or DEL (null: nothing there). */
  private static boolean isVisible(String text) {
    return text == null || every(text, c -> c > 0x20 && c != 0x7f);
  }

  /** RFC 9110 §5.5: no CR, LF or NUL; other octets are the worker's to judge. */
  private static boolean isFieldValue(String value) {
    return every(value, c -> c != '\r' && c != '\n' && c != 0);
  }

  private interface CharTest {
    boolean test(char c);
  }

  /** Whether every char of {@code text} passes: one loop for the rules above, no stream. */
  private static boolean every(String text, CharTest test) {
    for (int i = 0; i < text.length(); i++) {
      if (!test.test(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
