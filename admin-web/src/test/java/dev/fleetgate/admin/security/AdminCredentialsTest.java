package dev.fleetgate.admin.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetgate.admin.security.AdminCredentials.Source;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AdminCredentialsTest {

  static final String HASH = Pbkdf2HashTest.SOTERIA_DEFAULT;
  static final char[] HASHED_PASSWORD = Pbkdf2HashTest.PASSWORD;

  static final Supplier<String> NEVER =
      () -> {
        throw new AssertionError("no password should be generated");
      };

  @Test
  @DisplayName("R3 the hash wins over the plain password")
  void hashWinsOverPlain() {
    AdminCredentials cut = AdminCredentials.resolve("admin", HASH, "plain-password", NEVER);

    assertEquals(Source.HASH, cut.source());
    assertTrue(cut.matches("admin", HASHED_PASSWORD));
    assertFalse(cut.matches("admin", "plain-password".toCharArray()));
  }

  @Test
  @DisplayName("R3 the plain password wins over a generated one")
  void plainWinsOverGenerated() {
    AdminCredentials cut = AdminCredentials.resolve("admin", null, "plain-password", NEVER);

    assertEquals(Source.PLAIN, cut.source());
    assertTrue(cut.matches("admin", "plain-password".toCharArray()));
    assertEquals(Optional.empty(), cut.generatedPassword());
  }

  @Test
  @DisplayName("R3 blank settings count as unset")
  void blankSettingsCountAsUnset() {
    AdminCredentials cut =
        AdminCredentials.resolve("admin", "  ", "", () -> "generated-password-1234");

    assertEquals(Source.GENERATED, cut.source());
    assertTrue(cut.matches("admin", "generated-password-1234".toCharArray()));
  }

  @Test
  @DisplayName("R3.3 without a setting, a random password of 16+ characters is generated")
  void generatesRandomPasswordWhenNoneIsSet() {
    SecureRandom random = new SecureRandom();

    AdminCredentials first =
        AdminCredentials.resolve(
            "admin", null, null, () -> AdminCredentials.generatePassword(random));
    AdminCredentials second =
        AdminCredentials.resolve(
            "admin", null, null, () -> AdminCredentials.generatePassword(random));

    String password = first.generatedPassword().orElseThrow();
    assertEquals(Source.GENERATED, first.source());
    assertTrue(password.length() >= 16, password);
    assertTrue(first.matches("admin", password.toCharArray()));
    assertNotEquals(password, second.generatedPassword().orElseThrow());
  }

  @Test
  @DisplayName("R3.1 a malformed hash fails, naming fleetgate.admin.password-hash")
  void malformedHashNamesTheKey() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AdminCredentials.resolve("admin", "PBKDF2WithHmacSHA256:2048:oops", "x", NEVER));

    assertTrue(e.getMessage().startsWith("fleetgate.admin.password-hash "), e.getMessage());
  }

  @Test
  @DisplayName("R3 a blank user name fails, naming fleetgate.admin.username")
  void blankUserNameNamesTheKey() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> AdminCredentials.resolve(" ", null, "x", NEVER));

    assertTrue(e.getMessage().startsWith("fleetgate.admin.username "), e.getMessage());
  }

  @Test
  @DisplayName("R3.2 a wrong user name fails even with the right password")
  void wrongUserNameFails() {
    AdminCredentials cut = AdminCredentials.resolve("admin", null, "plain-password", NEVER);

    assertFalse(cut.matches("Admin", "plain-password".toCharArray()));
    assertFalse(cut.matches("admin ", "plain-password".toCharArray()));
    assertFalse(cut.matches("root", "wrong".toCharArray()));
    assertFalse(cut.matches(null, null));
  }

  @Test
  @DisplayName("R3 printing the credentials never prints the password")
  void toStringHidesThePassword() {
    AdminCredentials cut = AdminCredentials.resolve("admin", null, "plain-password", NEVER);

    assertFalse(cut.toString().contains("plain-password"), cut.toString());
    assertInstanceOf(PlainPassword.class, cut.password());
  }
}
