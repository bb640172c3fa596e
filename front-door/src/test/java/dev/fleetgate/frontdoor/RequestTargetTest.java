package dev.fleetgate.frontdoor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestTargetTest {
  static Refusal check(String target) {
    byte[] bytes = target.getBytes(StandardCharsets.ISO_8859_1);
    return RequestTarget.check(bytes, 0, bytes.length);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/app/..%2fmetrics",
        "/x/%2e%2e/admin",
        "/x/.%2E/admin",
        "/x/..;/admin",
        "/x/..;a=b/admin",
        "/x/./admin",
        "/x/..",
        "/..",
        "/x/..%5cadmin",
        "/x\\admin",
        "/a%00b",
        "/a%zz",
        "/a%2",
        "http://host/x/../admin",
        "/x/%2e%2e?q=1"
      })
  void refusesPathsThatEscapeTheirPrefix(String target) {
    assertEquals(400, check(target).status(), target);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "*",
        "/file.txt",
        "/a/.hidden/b",
        "/a/...",
        "/a/..b/c",
        "/file%2etxt",
        "/a/b?next=/../x&p=%2f",
        "/a/b#..",
        "/caf%C3%A9",
        "http://host",
        "example.com:443"
      })
  void passesOrdinaryTargets(String target) {
    assertNull(check(target), target);
  }
}
