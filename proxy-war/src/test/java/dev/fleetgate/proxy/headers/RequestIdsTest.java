package dev.fleetgate.proxy.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** R4: request ids, generated as nginx's $request_id, kept only from a trusted proxy. */
class RequestIdsTest {

  @Test
  void r4_aNewIdIs32LowercaseHexDigits() {
    for (int i = 0; i < 1000; i++) {
      String id = RequestIds.generate();
      assertTrue(id.matches("[0-9a-f]{32}"), id);
    }
  }

  @Test
  void r4_newIdsDoNotRepeatAcrossThreads() {
    Set<String> ids = ConcurrentHashMap.newKeySet();
    int perThread = 50_000;
    IntStream.range(0, 8)
        .parallel()
        .forEach(
            thread -> {
              for (int i = 0; i < perThread; i++) {
                ids.add(RequestIds.generate());
              }
            });
    assertEquals(8 * perThread, ids.size());
  }

  @Test
  void r4_aTrustedProxysIdIsKept() {
    assertEquals("abc-123_x.y:z", RequestIds.choose("abc-123_x.y:z", true));
    String uuid = "6f1c1f5e-2d7c-4b8e-9a4f-1c2d3e4f5a6b";
    assertEquals(uuid, RequestIds.choose(uuid, true));
    String base64 = "q83vEjRWeJA+/w==";
    assertEquals(base64, RequestIds.choose(base64, true));
    String longest = "a".repeat(RequestIds.MAX_LENGTH);
    assertEquals(longest, RequestIds.choose(longest, true));
  }

  @Test
  void r4_anUntrustedClientsIdIsReplaced() {
    String id = RequestIds.choose("0123456789abcdef0123456789abcdef", false);
    assertNotEquals("0123456789abcdef0123456789abcdef", id);
    assertTrue(id.matches("[0-9a-f]{32}"), id);
  }

  @Test
  void r4_noIdGetsANewOne() {
    assertTrue(RequestIds.choose(null, true).matches("[0-9a-f]{32}"));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "",
        "with space",
        "quote\"d",
        "back\\slash",
        "comma,separated",
        "semi;colon",
        "new\nline",
        "tab\t",
        "nul\u0000",
        "del\u007f",
        "caf\u00e9",
        "<script>"
      })
  void r4_aMalformedIdFromATrustedProxyIsReplaced(String malformed) {
    assertFalse(RequestIds.sane(malformed));
    String id = RequestIds.choose(malformed, true);
    assertTrue(id.matches("[0-9a-f]{32}"), id);
  }

  @Test
  void r4_anIdLongerThan200CharactersIsReplaced() {
    String tooLong = "a".repeat(RequestIds.MAX_LENGTH + 1);
    assertFalse(RequestIds.sane(tooLong));
    assertNotEquals(tooLong, RequestIds.choose(tooLong, true));
  }

  @Test
  void r4_offMeansNoHeader() {
    RequestIds cut = RequestIds.parse(false, "k", "X-Request-Id");
    assertFalse(cut.enabled());
    assertEquals(null, cut.header());
    assertEquals("X-Trace", RequestIds.parse(true, "k", " X-Trace ").header());
  }
}
