package dev.fleetgate.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fleetgate.proxy.compression.Compression;
import dev.fleetgate.proxy.compression.CompressionPolicy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * R2, R18: the worker's headers as the client gets them, compressed or not, the same from the fast
 * path's parser and from the JDK client.
 */
class ResponseHeadersTest {
  static final List<String[]> JSON_ANSWER =
      List.of(
          new String[] {"content-type", "application/json"},
          new String[] {"content-length", "20000"},
          new String[] {"etag", "\"v1\""},
          new String[] {"accept-ranges", "bytes"},
          new String[] {"vary", "Origin"},
          new String[] {"cache-control", "max-age=60"},
          new String[] {"server", "node"});

  final Response response = new Response();

  static CompressionPolicy gzip(boolean on) {
    return ProxySettings.read(
            ProxySettingsTest.shipped(Map.of("fleetgate.proxy.gzip", Boolean.toString(on))))
        .compression();
  }

  @Test
  void r18_aCompressedAnswerSaysGzipGoesChunkedAndWeakensItsEtag() {
    Compression decided =
        ResponseHeaders.copy(JSON_ANSWER, response.servlet(), request("gzip"), gzip(true));

    assertEquals(Compression.GZIP, decided);
    assertEquals(
        Map.of(
            "content-type", List.of("application/json"),
            "content-encoding", List.of("gzip"),
            "etag", List.of("W/\"v1\""),
            "vary", List.of("Origin, Accept-Encoding"),
            "cache-control", List.of("max-age=60")),
        response.headers);
  }

  @Test
  void r18_theJdkClientsHeadersGetTheSameChanges() {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (String[] header : JSON_ANSWER) {
      map.computeIfAbsent(header[0], n -> new ArrayList<>()).add(header[1]);
    }
    Response fromFastPath = new Response();
    ResponseHeaders.copy(JSON_ANSWER, fromFastPath.servlet(), request("gzip"), gzip(true));

    ResponseHeaders.copy(
        HttpHeaders.of(map, (n, v) -> true), response.servlet(), request("gzip"), gzip(true));

    assertEquals(fromFastPath.headers, response.headers);
  }

  @Test
  void r18_aClientWithoutGzipGetsTheWorkersAnswerWithVary() {
    Compression decided =
        ResponseHeaders.copy(JSON_ANSWER, response.servlet(), request(null), gzip(true));

    assertEquals(Compression.VARY, decided);
    assertEquals(List.of("20000"), response.headers.get("content-length"));
    assertEquals(List.of("\"v1\""), response.headers.get("etag"));
    assertEquals(List.of("Origin, Accept-Encoding"), response.headers.get("vary"));
  }

  @Test
  void r18_withGzipOffTheWorkersHeadersPassAsTheyAre() {
    Compression decided =
        ResponseHeaders.copy(JSON_ANSWER, response.servlet(), request("gzip"), gzip(false));

    assertEquals(Compression.NONE, decided);
    assertEquals(List.of("Origin"), response.headers.get("vary"));
    assertEquals(List.of("20000"), response.headers.get("content-length"));
    assertEquals(null, response.headers.get("content-encoding"));
    assertEquals(null, response.headers.get("server"), "R2: the proxy's own");
  }

  /** A GET over HTTP/1.1 with this Accept-Encoding (null: none). */
  static HttpServletRequest request(String acceptEncoding) {
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            ResponseHeadersTest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getMethod" -> "GET";
                  case "getProtocol" -> "HTTP/1.1";
                  case "getHeaders" ->
                      Collections.enumeration(
                          acceptEncoding != null
                                  && "accept-encoding".equalsIgnoreCase((String) args[0])
                              ? List.of(acceptEncoding)
                              : List.of());
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  /** The headers a servlet response was given, by lower-case name, with setHeader replacing. */
  static final class Response {
    final Map<String, List<String>> headers = new LinkedHashMap<>();

    HttpServletResponse servlet() {
      return (HttpServletResponse)
          Proxy.newProxyInstance(
              ResponseHeadersTest.class.getClassLoader(),
              new Class<?>[] {HttpServletResponse.class},
              (proxy, method, args) -> {
                switch (method.getName()) {
                  case "getStatus" -> {
                    return 200;
                  }
                  case "addHeader" ->
                      headers
                          .computeIfAbsent(name(args), n -> new ArrayList<>())
                          .add((String) args[1]);
                  case "setHeader" ->
                      headers.put(name(args), new ArrayList<>(List.of((String) args[1])));
                  default -> throw new UnsupportedOperationException(method.getName());
                }
                return null;
              });
    }

    private static String name(Object[] args) {
      return ((String) args[0]).toLowerCase(Locale.ROOT);
    }
  }
}
