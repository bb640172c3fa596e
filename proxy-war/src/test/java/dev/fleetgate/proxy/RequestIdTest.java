package dev.fleetgate.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetgate.proxy.headers.RequestIds;
import dev.fleetgate.proxy.headers.TrustedProxies;
import dev.fleetgate.proxy.routes.Route;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * R18: one id per request, decided when it arrives, and the one the worker gets in the head the
 * proxy writes (fast path, upgrades), whatever the client sent under that name.
 */
class RequestIdTest {
  static final Route<Object> ANY_PATH = new Route<>(null, "default", "", false);

  static final String CLIENTS = "client-chosen-id";

  final ForwardingPolicy cut =
      new ForwardingPolicy(
          TrustedProxies.parse("k", "10.0.0.1"),
          false,
          RequestIds.parse(true, "k", "X-Request-Id"));

  /** A GET from {@code peer} with {@code headers} (names as the client wrote them). */
  static HttpServletRequest request(String peer, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(Map.of("Host", "shop.example"));
    all.putAll(headers);
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            RequestIdTest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getRemoteAddr" -> peer;
                  case "getMethod" -> "GET";
                  case "getRequestURI" -> "/";
                  case "getQueryString" -> null;
                  case "getScheme" -> "http";
                  case "getLocalPort" -> 8080;
                  case "getHeader" -> value(all, (String) args[0]);
                  case "getHeaders" -> {
                    String value = value(all, (String) args[0]);
                    yield Collections.enumeration(
                        value == null ? List.<String>of() : List.of(value));
                  }
                  case "getHeaderNames" -> Collections.enumeration(new ArrayList<>(all.keySet()));
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  static String value(Map<String, String> headers, String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  /** The values of {@code name} in the head the worker gets. */
  List<String> sentToTheWorker(HttpServletRequest request, RequestId id, String name) {
    String head =
        new String(
            WorkerRequestHead.of(request, ANY_PATH, cut, id, null), StandardCharsets.ISO_8859_1);
    List<String> values = new ArrayList<>();
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
        values.add(line.substring(colon + 1).trim());
      }
    }
    return values;
  }

  @Test
  void r18_aRequestWithoutAnIdGetsANewOneAndTheWorkerGetsIt() {
    HttpServletRequest request = request("203.0.113.9", Map.of());
    RequestId id = cut.requestIdFor(request);

    assertEquals("X-Request-Id", id.header());
    assertTrue(id.value().matches("[0-9a-f]{32}"), id.value());
    assertEquals(List.of(id.value()), sentToTheWorker(request, id, "X-Request-Id"));
  }

  @Test
  void r18_anUntrustedClientsIdNeverReachesTheWorker() {
    HttpServletRequest request = request("203.0.113.9", Map.of("x-request-id", CLIENTS));
    RequestId id = cut.requestIdFor(request);

    assertNotEquals(CLIENTS, id.value());
    assertEquals(List.of(id.value()), sentToTheWorker(request, id, "X-Request-Id"));
  }

  @Test
  void r18_aTrustedProxysIdIsKept() {
    HttpServletRequest request = request("10.0.0.1", Map.of("X-Request-Id", CLIENTS));
    RequestId id = cut.requestIdFor(request);

    assertEquals(CLIENTS, id.value());
    assertEquals(List.of(CLIENTS), sentToTheWorker(request, id, "X-Request-Id"));
  }

  @Test
  void r18_aTrustedProxysMalformedIdIsReplaced() {
    HttpServletRequest request = request("10.0.0.1", Map.of("X-Request-Id", "two words"));
    RequestId id = cut.requestIdFor(request);

    assertTrue(id.value().matches("[0-9a-f]{32}"), id.value());
    assertEquals(List.of(id.value()), sentToTheWorker(request, id, "X-Request-Id"));
  }

  @Test
  void r18_offTheClientsHeaderPassesAsAnyOther() {
    ForwardingPolicy off =
        new ForwardingPolicy(
            TrustedProxies.parse("k", ""), false, RequestIds.parse(false, "k", "X-Request-Id"));
    HttpServletRequest request = request("203.0.113.9", Map.of("X-Request-Id", CLIENTS));

    RequestId id = off.requestIdFor(request);

    assertSame(RequestId.NONE, id);
    assertEquals("-", id.toString(), "as log lines show it");
    String head =
        new String(
            WorkerRequestHead.of(request, ANY_PATH, off, id, null), StandardCharsets.ISO_8859_1);
    assertTrue(head.contains("X-Request-Id: " + CLIENTS + "\r\n"), head);
    assertFalse(off.headersFor(request, id).containsKey("X-Request-Id"));
  }
}
