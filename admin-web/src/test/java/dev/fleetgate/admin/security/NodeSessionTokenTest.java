package dev.fleetgate.admin.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeSessionTokenTest {

  static final byte[] KEY = key(1);
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  static final Duration LIFETIME = Duration.ofMinutes(30);

  NodeSessionToken cut = NodeSessionToken.issue("admin", ConsoleIdentityStore.ROLE, NOW, LIFETIME);

  static byte[] key(int seed) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) seed);
    return key;
  }

  @Test
  @DisplayName("R11.1 a token signed with the key verifies to the same user, role and times")
  void signsAndVerifies() {
    String value = cut.encode(KEY);

    assertEquals(Optional.of(cut), NodeSessionToken.verify(value, KEY));
    assertEquals(NOW.plus(LIFETIME), cut.expiresAt());
  }

  @Test
  @DisplayName("R11.1 the value is six cookie-safe fields: version, user, role, times, signature")
  void valueIsCookieSafe() {
    String value = cut.encode(KEY);
    String[] fields = value.split("\\.");

    assertTrue(value.matches("[A-Za-z0-9_.-]+"), value);
    assertEquals(6, fields.length, value);
    assertEquals("1", fields[0]);
    assertEquals("admin", new String(Base64.getUrlDecoder().decode(fields[1])));
    assertEquals(ConsoleIdentityStore.ROLE, fields[2]);
    assertEquals(Long.toString(NOW.getEpochSecond()), fields[3]);
    assertEquals(Long.toString(NOW.plus(LIFETIME).getEpochSecond()), fields[4]);
    assertEquals(32, Base64.getUrlDecoder().decode(fields[5]).length); // HMAC-SHA256
  }

  @Test
  @DisplayName("R11.1 any user name survives, dots and all")
  void keepsAnyUserName() {
    NodeSessionToken odd =
        NodeSessionToken.issue("ops.team/ü é", ConsoleIdentityStore.VIEWER_ROLE, NOW, LIFETIME);

    assertEquals(Optional.of(odd), NodeSessionToken.verify(odd.encode(KEY), KEY));
  }

  @Test
  @DisplayName("R11.2 a token signed with another key is refused")
  void refusesOtherKey() {
    assertEquals(Optional.empty(), NodeSessionToken.verify(cut.encode(key(2)), KEY));
  }

  @ParameterizedTest(name = "field {0} changed")
  @ValueSource(ints = {0, 1, 2, 3, 4, 5})
  @DisplayName("R11.2 a token with any field changed is refused")
  void refusesTamperedField(int field) {
    String[] fields = cut.encode(KEY).split("\\.");
    fields[field] =
        switch (field) {
          case 0 -> "2";
          case 1 -> Base64.getUrlEncoder().withoutPadding().encodeToString("root".getBytes());
          case 2 -> ConsoleIdentityStore.ROLE.equals(fields[2]) ? "fleetgate-viewer" : "x";
          case 3, 4 -> Long.toString(Long.parseLong(fields[field]) + 3600);
          default -> flipFirstCharacter(fields[5]);
        };

    assertEquals(Optional.empty(), NodeSessionToken.verify(String.join(".", fields), KEY));
  }

  @Test
  @DisplayName("R11.2 a viewer's token cannot be made an administrator's")
  void refusesRoleRaisedByHand() {
    NodeSessionToken viewer =
        NodeSessionToken.issue("ops", ConsoleIdentityStore.VIEWER_ROLE, NOW, LIFETIME);
    String forged =
        viewer.encode(KEY).replace(ConsoleIdentityStore.VIEWER_ROLE, ConsoleIdentityStore.ROLE);

    assertEquals(Optional.empty(), NodeSessionToken.verify(forged, KEY));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ".",
        "admin",
        "1.YWRtaW4",
        "1.YWRtaW4.fleetgate-admin.1.2.!!!",
        "a.b.c.d.e.f.g"
      })
  @DisplayName("R11.2 something that is no token is refused")
  void refusesMalformed(String value) {
    assertEquals(Optional.empty(), NodeSessionToken.verify(value, KEY));
  }

  @Test
  @DisplayName("R11.2 no cookie, and one longer than a cookie can be, are refused")
  void refusesNullAndOversized() {
    assertEquals(Optional.empty(), NodeSessionToken.verify(null, KEY));
    String huge = "1." + "A".repeat(NodeSessionToken.MAX_LENGTH) + ".r.1.2.sig";
    assertEquals(Optional.empty(), NodeSessionToken.verify(huge, KEY));
  }

  @Test
  @DisplayName("R11.2 a token is valid until it expires, not from then on")
  void expires() {
    assertTrue(cut.validAt(NOW, LIFETIME));
    assertTrue(cut.validAt(NOW.plus(LIFETIME).minusSeconds(1), LIFETIME));
    assertFalse(cut.validAt(NOW.plus(LIFETIME), LIFETIME));
    assertFalse(cut.validAt(NOW.plus(Duration.ofDays(1)), LIFETIME));
  }

  @Test
  @DisplayName("R11.2 another node's clock may be a little ahead, not far ahead")
  void allowsSmallClockSkew() {
    assertTrue(cut.validAt(NOW.minusSeconds(30), LIFETIME));
    assertFalse(cut.validAt(NOW.minus(NodeSessionToken.CLOCK_SKEW).minusSeconds(1), LIFETIME));
  }

  @Test
  @DisplayName("R11.2 a token made to last longer than this node's sessions is refused")
  void refusesLongerLifetime() {
    NodeSessionToken longer =
        NodeSessionToken.issue("admin", ConsoleIdentityStore.ROLE, NOW, Duration.ofDays(30));

    assertFalse(longer.validAt(NOW, LIFETIME));
  }

  @Test
  @DisplayName("R11.3 renewal is due once more than half the token's life has passed")
  void renewalAfterHalfItsLife() {
    assertFalse(cut.renewalDue(NOW));
    assertFalse(cut.renewalDue(NOW.plus(LIFETIME.dividedBy(2))));
    assertTrue(cut.renewalDue(NOW.plus(LIFETIME.dividedBy(2)).plusSeconds(1)));
  }

  @Test
  @DisplayName("R11.1 tokens are issued in whole seconds, as they are written")
  void issuesWholeSeconds() {
    NodeSessionToken token =
        NodeSessionToken.issue("admin", "r", NOW.plusMillis(750), Duration.ofMinutes(1));

    assertEquals(NOW, token.issuedAt());
    assertEquals(Optional.of(token), NodeSessionToken.verify(token.encode(KEY), KEY));
  }

  private static String flipFirstCharacter(String text) {
    char first = text.charAt(0);
    return (first == 'A' ? 'B' : 'A') + text.substring(1);
  }
}
