package dev.fleetgate.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * R13: an HTTP/2 request's head reaches the proxy as decoded fields, so what HTTP/1.1 text cannot
 * carry must be refused before it is written to a worker's HTTP/1.1 connection. Each refused case
 * below was forwarded before (found by sending raw HTTP/2 frames with Python's h2).
 */
class RequestSyntaxTest {
  static final String H2 = "HTTP/2.0";

  @Test
  void r13_aWellFormedRequestPassesOnEitherProtocol() {
    assertNull(check("GET", "/a/b", "q=1&r=%20", H2, Map.of("x-a", List.of("1"))));
    assertNull(check("PROPFIND", "/a", null, "HTTP/1.1", Map.of("X-A", List.of("1"))));
    assertNull(check("OPTIONS", "*", null, "HTTP/1.1", Map.of()));
    assertNull(
        check("GET", "/caf\u00e9", null, H2, Map.of()), "raw UTF-8 bytes, as the front door");
  }

  @Test
  void r13_aSpaceOrLineBreakInTheTargetCannotStartASecondRequest() {
    String smuggled = "/headers HTTP/1.1\r\nx-injected: 1\r\n\r\nGET /x";
    assertRefused("a space or control character in the request target", "GET", smuggled, null);
    assertRefused("a space or control character in the request target", "GET", "/a b", null);
    assertRefused("a space or control character in the request target", "GET", "/a\u007f", null);
    assertRefused("a space or control character in the request target", "GET", "/a", "q= 1");
    assertRefused("a space or control character in the request target", "GET", "a", null);
  }

  /** What the front door refuses in HTTP/1.1 text, the proxy refuses in HTTP/2 fields. */
  @Test
  void r13_anHttp2PathWithADotSegmentOrAnEncodedSlashIsRefusedAsOverHttp11() {
    assertRefused("a dot segment in the path", "GET", "/app/../admin/", null);
    assertRefused("a dot segment in the path", "GET", "/app/%2e%2e/admin", null);
    assertRefused("an encoded slash, backslash or NUL in the path", "GET", "/app/..%2fadmin", null);
    assertRefused("a backslash in the path", "GET", "/app\\..\\admin", null);
    assertNull(check("GET", "/app/../admin/", null, "HTTP/1.1", Map.of()), "the front door's");
    assertNull(check("GET", "/a.b/..c/", "x=/../", H2, Map.of()), "only whole segments count");
  }

  @Test
  void r13_aMethodMustBeAToken() {
    assertRefused("the method is not a token", "GET /x HTTP/1.1\r\n\r\nGET", "/", null);
    assertRefused("the method is not a token", "", "/", null);
  }

  @Test
  void r13_anHttp2FieldNameMustBeATokenAndItsValueOneLine() {
    assertEquals(
        "bad request: a header name that is not a token",
        check("GET", "/", null, H2, Map.of("x-a:b", List.of("1"))).text());
    assertEquals(
        "bad request: CR, LF or NUL in a header value",
        check("GET", "/", null, H2, Map.of("x-a", List.of("1\r\nx-injected: 1"))).text());
    assertEquals(
        "bad request: CR, LF or NUL in a header value",
        check("GET", "/", null, H2, Map.of("host", List.of("a\u0000b"))).text());
  }

  @Test
  void r13_anHttp2HostIsAHostNameOrAddressWithAPort() {
    assertEquals(
        "bad request: a host that is not a host name, address and port",
        check("GET", "/", null, H2, Map.of("host", List.of("a b"))).text());
    assertEquals(
        "bad request: a host that is not a host name, address and port",
        check("GET", "/", null, H2, Map.of("host", List.of("a/b@c"))).text());
    assertNull(check("GET", "/", null, H2, Map.of("host", List.of("[::1]:8443"))));
    assertNull(check("GET", "/", null, H2, Map.of("host", List.of("xn--bcher-kva.example:443"))));
  }

  @Test
  void r13_anHttp2ContentLengthIsOneNumber() {
    assertEquals(
        "bad request: two different content-length values",
        check("POST", "/", null, H2, Map.of("content-length", List.of("5", "6"))).text());
    assertEquals(
        "bad request: a content-length that is not a number",
        check("POST", "/", null, H2, Map.of("content-length", List.of("-1"))).text());
    assertNull(check("POST", "/", null, H2, Map.of("content-length", List.of("5", "5"))));
  }

  static void assertRefused(String why, String method, String path, String query) {
    RequestFraming.Refusal refusal = check(method, path, query, H2, Map.of());
    assertEquals(400, refusal == null ? 0 : refusal.status(), method + " " + path);
    assertEquals("bad request: " + why, refusal.text());
  }

  static RequestFraming.Refusal check(
      String method,
      String path,
      String query,
      String protocol,
      Map<String, List<String>> headers) {
    return RequestSyntax.check(request(method, path, query, protocol, headers));
  }

  static HttpServletRequest request(
      String method,
      String path,
      String query,
      String protocol,
      Map<String, List<String>> headers) {
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            RequestSyntaxTest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, called, args) ->
                switch (called.getName()) {
                  case "getMethod" -> method;
                  case "getRequestURI" -> path;
                  case "getQueryString" -> query;
                  case "getProtocol" -> protocol;
                  case "getHeader" ->
                      headers.entrySet().stream()
                          .filter(e -> e.getKey().equalsIgnoreCase((String) args[0]))
                          .map(e -> e.getValue().get(0))
                          .findFirst()
                          .orElse(null);
                  case "getHeaderNames" ->
                      Collections.enumeration(new ArrayList<>(headers.keySet()));
                  case "getHeaders" ->
                      Collections.enumeration(
                          headers.entrySet().stream()
                              .filter(e -> e.getKey().equalsIgnoreCase((String) args[0]))
                              .flatMap(e -> e.getValue().stream())
                              .toList());
                  default -> throw new UnsupportedOperationException(called.getName());
                });
  }
}
