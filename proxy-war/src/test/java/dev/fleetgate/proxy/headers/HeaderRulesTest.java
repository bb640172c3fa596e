package dev.fleetgate.proxy.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** R1, R2: which headers cross the proxy, and the forwarding headers it adds. */
class HeaderRulesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Connection",
        "keep-alive",
        "Proxy-Authorization",
        "Proxy-Authenticate",
        "Proxy-Connection",
        "Transfer-Encoding",
        "TE",
        "Trailer",
        "Upgrade"
      })
  void r1_dropsTheStandardHopByHopHeaders(String header) {
    assertTrue(HopByHopHeaders.of(List.of()).contains(header));
  }

  @Test
  void r1_dropsHeadersNamedInConnectionWhateverTheirCase() {
    HopByHopHeaders cut = HopByHopHeaders.of(List.of("keep-alive, X-Secret", "x-other"));
    assertTrue(cut.contains("x-secret"));
    assertTrue(cut.contains("X-OTHER"));
    assertFalse(cut.contains("Accept"));
    assertFalse(cut.contains("Cookie"));
  }

  @Test
  void r2_appendsTheClientToAnExistingForwardedFor() {
    Map<String, String> cut =
        ForwardedHeaders.of("203.0.113.7", "127.0.0.1", "http", "shop.example", 8080);
    assertEquals("203.0.113.7, 127.0.0.1", cut.get("X-Forwarded-For"));
  }

  @Test
  void r2_setsProtoHostAndPortAsTheClientUsedThem() {
    Map<String, String> cut = ForwardedHeaders.of(null, "::1", "https", "shop.example", 8443);
    assertEquals(
        Map.of(
            "X-Forwarded-For", "::1",
            "X-Forwarded-Proto", "https",
            "X-Forwarded-Host", "shop.example",
            "X-Forwarded-Port", "8443"),
        cut);
  }

  @Test
  void r2_omitsForwardedHostWithoutAHost() {
    assertFalse(
        ForwardedHeaders.of(null, "127.0.0.1", "http", null, 80).containsKey("X-Forwarded-Host"));
  }
}
