package dev.fleetgate.admin.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ViewerCredentialsTest {

  @Test
  @DisplayName("R8 without a viewer user name there is no viewer")
  void noViewerWhenUnset() {
    assertEquals(Optional.empty(), ViewerCredentials.resolve(null, null, "pw", "admin"));
    assertEquals(Optional.empty(), ViewerCredentials.resolve(" ", null, null, "admin"));
  }

  @Test
  @DisplayName("R8 the viewer signs in with the plain password, or the hash when both are set")
  void resolvesPassword() {
    ViewerCredentials plain =
        ViewerCredentials.resolve("ops", null, "look-only", "admin").orElseThrow();
    ViewerCredentials hashed =
        ViewerCredentials.resolve("ops", Pbkdf2HashTest.SOTERIA_DEFAULT, "look-only", "admin")
            .orElseThrow();

    assertTrue(plain.matches("ops", "look-only".toCharArray()));
    assertFalse(plain.matches("admin", "look-only".toCharArray()));
    assertTrue(hashed.matches("ops", Pbkdf2HashTest.PASSWORD));
    assertFalse(hashed.matches("ops", "look-only".toCharArray()));
  }

  @Test
  @DisplayName("R8 a viewer without a password stops the start, naming the key")
  void refusesViewerWithoutPassword() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ViewerCredentials.resolve("ops", "", null, "admin"));

    assertTrue(e.getMessage().startsWith(ViewerCredentials.USERNAME_KEY), e.getMessage());
  }

  @Test
  @DisplayName("R8 the viewer may not share the administrator's name")
  void refusesAdministratorsName() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ViewerCredentials.resolve("admin", null, "pw", "admin"));
  }

  @Test
  @DisplayName("R8 a malformed viewer hash stops the start, naming the key")
  void refusesMalformedHash() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ViewerCredentials.resolve("ops", "nope", null, "admin"));

    assertTrue(e.getMessage().startsWith(ViewerCredentials.PASSWORD_HASH_KEY), e.getMessage());
  }
}
