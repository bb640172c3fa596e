package dev.fleetgate.proxy.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

  static final ForwardedHeaders.Hop HOP =
      new ForwardedHeaders.Hop("127.0.0.1", "http", "shop.example", 8080);

  static java.util.function.UnaryOperator<String> incoming(Map<String, String> headers) {
    return name -> headers.get(name);
  }

  @Test
  void r2_appendsTheClientToForwardedForFromATrustedProxy() {
    Map<String, String> cut =
        ForwardedHeaders.of(
            incoming(Map.of("X-Forwarded-For", "203.0.113.7", "X-Forwarded-Proto", "https")),
            true,
            HOP,
            false);
    assertEquals("203.0.113.7, 127.0.0.1", cut.get("X-Forwarded-For"));
    assertEquals("https", cut.get("X-Forwarded-Proto"), "the earlier hop's scheme is kept");
  }

  @Test
  void r3_replacesWhatAnUntrustedClientClaims() {
    Map<String, String> cut =
        ForwardedHeaders.of(
            incoming(
                Map.of(
                    "X-Forwarded-For", "10.0.0.1",
                    "X-Forwarded-Proto", "https",
                    "X-Forwarded-Host", "bank.example",
                    "Forwarded", "for=10.0.0.1")),
            false,
            HOP,
            true);
    assertEquals(
        Map.of(
            "X-Forwarded-For", "127.0.0.1",
            "X-Forwarded-Proto", "http",
            "X-Forwarded-Host", "shop.example",
            "X-Forwarded-Port", "8080",
            "Forwarded", "for=127.0.0.1;proto=http;host=\"shop.example\""),
        cut);
  }

  @Test
  void r2_setsProtoHostAndPortAsTheClientUsedThem() {
    Map<String, String> cut =
        ForwardedHeaders.of(
            incoming(Map.of()),
            false,
            new ForwardedHeaders.Hop("::1", "https", "shop.example", 8443),
            true);
    assertEquals("::1", cut.get("X-Forwarded-For"));
    assertEquals("https", cut.get("X-Forwarded-Proto"));
    assertEquals("shop.example", cut.get("X-Forwarded-Host"));
    assertEquals("8443", cut.get("X-Forwarded-Port"));
    assertEquals("for=\"[::1]\";proto=https;host=\"shop.example\"", cut.get("Forwarded"));
  }

  @Test
  void r2_omitsForwardedHostWithoutAHost() {
    assertFalse(
        ForwardedHeaders.of(
                incoming(Map.of()),
                false,
                new ForwardedHeaders.Hop("127.0.0.1", "http", null, 80),
                false)
            .containsKey("X-Forwarded-Host"));
  }

  @ParameterizedTest
  @CsvSource({
    "'127.0.0.1,::1', 127.0.0.1, true",
    "'127.0.0.1,::1', 0:0:0:0:0:0:0:1, true",
    "'127.0.0.1,::1', 127.0.0.2, false",
    "10.0.0.0/8, 10.200.3.4, true",
    "10.0.0.0/8, 11.0.0.1, false",
    "192.168.1.0/25, 192.168.1.127, true",
    "192.168.1.0/25, 192.168.1.128, false",
    "fd00::/8, fd12::1, true",
    "'', 127.0.0.1, false"
  })
  void r3_trustsOnlyConfiguredAddressesAndRanges(String config, String peer, boolean trusted) {
    assertEquals(trusted, TrustedProxies.parse("k", config).trusts(peer));
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "10.0.0.0/33", "300.1.1.1", "1.2.3.4/x"})
  void r3_rejectsWhatIsNotAnAddressOrRange(String config) {
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.fleetgate.supervisor.config.InvalidConfigurationException.class,
            () -> TrustedProxies.parse("fleetgate.proxy.trusted-proxies", config));
    assertTrue(e.getMessage().contains("fleetgate.proxy.trusted-proxies"));
  }
}
