package dev.fleetgate.admin.security;

import static dev.fleetgate.admin.security.ConsoleIdentityStore.ROLE;
import static dev.fleetgate.admin.security.ConsoleIdentityStore.VIEWER_ROLE;
import static dev.fleetgate.admin.security.NodeSessionTokenTest.KEY;
import static dev.fleetgate.admin.security.NodeSessionTokenTest.LIFETIME;
import static dev.fleetgate.admin.security.NodeSessionTokenTest.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NodeSessionsTest {

  /** This node's users: an administrator and a viewer. */
  static final Map<String, String> ROLES = Map.of("admin", ROLE, "ops", VIEWER_ROLE);

  NodeSessions cut = at(NOW);

  static NodeSessions at(java.time.Instant now) {
    return new NodeSessions(
        KEY,
        LIFETIME,
        user -> Optional.ofNullable(ROLES.get(user)),
        Clock.fixed(now, ZoneOffset.UTC));
  }

  String signed(String user, String role) {
    return cut.encode(NodeSessionToken.issue(user, role, NOW, LIFETIME));
  }

  @Test
  @DisplayName("R11.2 a token for a user of this node, with the role this node gives, is accepted")
  void acceptsKnownUser() {
    NodeSessionToken token = cut.accept(List.of(signed("admin", ROLE))).orElseThrow();

    assertEquals("admin", token.user());
    assertEquals(ROLE, token.role());
    assertEquals("ops", cut.accept(List.of(signed("ops", VIEWER_ROLE))).orElseThrow().user());
  }

  @Test
  @DisplayName("R11.2 a token for a user this node does not have is refused")
  void refusesUnknownUser() {
    assertEquals(Optional.empty(), cut.accept(List.of(signed("mallory", ROLE))));
  }

  @Test
  @DisplayName("R11.2 a token whose role differs from what this node gives that user is refused")
  void refusesOtherRole() {
    assertEquals(Optional.empty(), cut.accept(List.of(signed("ops", ROLE))));
    assertEquals(Optional.empty(), cut.accept(List.of(signed("admin", VIEWER_ROLE))));
  }

  @Test
  @DisplayName("R11.2 a token signed with another cluster's key is refused")
  void refusesOtherKey() {
    String foreign =
        NodeSessionToken.issue("admin", ROLE, NOW, LIFETIME).encode(NodeSessionTokenTest.key(7));

    assertEquals(Optional.empty(), cut.accept(List.of(foreign)));
  }

  @Test
  @DisplayName("R11.2 an expired token is refused")
  void refusesExpired() {
    String token = signed("admin", ROLE);

    assertTrue(at(NOW.plus(LIFETIME).minusSeconds(1)).accept(List.of(token)).isPresent());
    assertEquals(Optional.empty(), at(NOW.plus(LIFETIME)).accept(List.of(token)));
  }

  @Test
  @DisplayName("R11.2 a planted cookie of the same name does not hide the genuine token")
  void findsGenuineAmongPlanted() {
    List<String> cookies = List.of("planted", signed("mallory", ROLE), signed("admin", ROLE));

    assertEquals("admin", cut.accept(cookies).orElseThrow().user());
    assertEquals(Optional.empty(), cut.accept(List.of()));
  }

  @Test
  @DisplayName("R11.1 a sign-in gets a token for the session's lifetime; an unknown user none")
  void issuesForKnownUsers() {
    NodeSessionToken token = cut.issue("ops").orElseThrow();

    assertEquals(VIEWER_ROLE, token.role());
    assertEquals(NOW, token.issuedAt());
    assertEquals(NOW.plus(LIFETIME), token.expiresAt());
    assertEquals(Optional.empty(), cut.issue("mallory"));
  }

  @Test
  @DisplayName("R11.3 a token with more than half its life left is kept")
  void keepsFreshToken() {
    String token = signed("admin", ROLE);

    assertEquals(
        Optional.empty(), at(NOW.plus(LIFETIME.dividedBy(2))).renewal("admin", List.of(token)));
  }

  @Test
  @DisplayName("R11.3 past half its life, a signed-in request gets a new token: sliding expiry")
  void renewsAfterHalfItsLife() {
    String token = signed("admin", ROLE);
    java.time.Instant later = NOW.plus(LIFETIME.dividedBy(2)).plus(Duration.ofMinutes(1));

    NodeSessionToken renewed = at(later).renewal("admin", List.of(token)).orElseThrow();

    assertEquals(later, renewed.issuedAt());
    assertEquals(later.plus(LIFETIME), renewed.expiresAt());
    assertEquals("admin", renewed.user());
  }

  @Test
  @DisplayName("R11.3 a signed-in request without a token, or with another user's, gets one")
  void issuesWhenMissingOrForAnotherUser() {
    assertEquals("admin", cut.renewal("admin", List.of()).orElseThrow().user());
    assertEquals("admin", cut.renewal("admin", List.of("junk")).orElseThrow().user());
    assertEquals(
        "admin", cut.renewal("admin", List.of(signed("ops", VIEWER_ROLE))).orElseThrow().user());
  }
}
