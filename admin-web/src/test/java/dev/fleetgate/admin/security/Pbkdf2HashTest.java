package dev.fleetgate.admin.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Pbkdf2HashTest {

  static final char[] PASSWORD = "correct horse battery staple".toCharArray();

  // Made by Jakarta Security's Pbkdf2PasswordHash (Soteria 3.0.3, as in Payara 6.2025.10).
  static final String SOTERIA_DEFAULT =
      "PBKDF2WithHmacSHA256:2048:QXnbgN8wmvCmMw01xhd5fLKMkLn+qJPGYakgokSrST4="
          + ":mOr21niSiszxfIjCsg3Kd2TNkkejdtoF/7Qm1BgpTXQ=";
  static final String SOTERIA_SHA512 =
      "PBKDF2WithHmacSHA512:1024:iO7LwYW+dJTcNSPwVk7geg=="
          + ":8ic4dC1o65zBXqdCAkaDcjYNHbtT7rij6Nr8cwH5sT99jJaYDNVuhsK1VzUJnfqXmPdgC/uwdxnWU2VV4i061g==";

  @Test
  @DisplayName("R4 a new hash reads back and accepts its password")
  void hashesAndVerifiesRoundTrip() {
    Pbkdf2Hash created =
        Pbkdf2Hash.create(PASSWORD, "PBKDF2WithHmacSHA256", 1024, new SecureRandom());

    Pbkdf2Hash cut = Pbkdf2Hash.parse(created.encoded());

    assertTrue(cut.matches(PASSWORD));
    assertEquals(created.encoded(), cut.encoded());
  }

  @Test
  @DisplayName("R4 new hashes use PBKDF2WithHmacSHA256, 600000 iterations, 32-byte salt and hash")
  void createsHashesInJakartaSecurityFormat() {
    String encoded = Pbkdf2Hash.create(PASSWORD, new SecureRandom()).encoded();

    String[] parts = encoded.split(":");
    assertEquals("PBKDF2WithHmacSHA256", parts[0]);
    assertEquals("600000", parts[1]);
    assertEquals(44, parts[2].length(), "32 bytes in Base64");
    assertEquals(44, parts[3].length(), "32 bytes in Base64");
  }

  @Test
  @DisplayName("R4 hashes made by Jakarta Security are accepted as they are")
  void verifiesHashesMadeByJakartaSecurity() {
    assertTrue(Pbkdf2Hash.parse(SOTERIA_DEFAULT).matches(PASSWORD));
    assertTrue(Pbkdf2Hash.parse(SOTERIA_SHA512).matches(PASSWORD));
  }

  @Test
  @DisplayName("R3 a wrong password is rejected")
  void rejectsWrongPassword() {
    Pbkdf2Hash cut = Pbkdf2Hash.parse(SOTERIA_DEFAULT);

    assertFalse(cut.matches("correct horse battery stapler".toCharArray()));
    assertFalse(cut.matches(new char[0]));
  }

  @ParameterizedTest
  @DisplayName("R3.1 malformed hashes are refused")
  @ValueSource(
      strings = {
        "",
        "secret",
        "PBKDF2WithHmacSHA256:2048:QXnbgN8wmvCmMw01xhd5fLKMkLn+qJPGYakgokSrST4=",
        "PBKDF2WithHmacMD5:2048:QXnbgN8wmvCmMw01xhd5fLKMkLn+qJPGYakgokSrST4=:mOr21niSiszxfIjCsg3Kd2TNkkejdtoF/7Qm1BgpTXQ=",
        "PBKDF2WithHmacSHA256:many:QXnbgN8wmvCmMw01xhd5fLKMkLn+qJPGYakgokSrST4=:mOr21niSiszxfIjCsg3Kd2TNkkejdtoF/7Qm1BgpTXQ=",
        "PBKDF2WithHmacSHA256:1000:QXnbgN8wmvCmMw01xhd5fLKMkLn+qJPGYakgokSrST4=:mOr21niSiszxfIjCsg3Kd2TNkkejdtoF/7Qm1BgpTXQ=",
        "PBKDF2WithHmacSHA256:2048:not*base64:mOr21niSiszxfIjCsg3Kd2TNkkejdtoF/7Qm1BgpTXQ=",
        "PBKDF2WithHmacSHA256:2048:c2FsdA==:mOr21niSiszxfIjCsg3Kd2TNkkejdtoF/7Qm1BgpTXQ=",
        "PBKDF2WithHmacSHA256:2048:QXnbgN8wmvCmMw01xhd5fLKMkLn+qJPGYakgokSrST4=:",
        "PBKDF2WithHmacSHA256:2048:QXnbgN8wmvCmMw01xhd5fLKMkLn+qJPGYakgokSrST4=:mOr21niSiszxfIjCsg3Kd2TNkkejdtoF/7Qm1BgpTXQ=:extra"
      })
  void refusesMalformedHash(String encoded) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Pbkdf2Hash.parse(encoded));

    assertTrue(e.getMessage().contains("algorithm:iterations:salt:hash"), e.getMessage());
  }

  @Test
  @DisplayName("R3 the hash never shows its salt or hash in logs")
  void keepsSaltAndHashOutOfToString() {
    assertEquals(
        "Pbkdf2Hash[PBKDF2WithHmacSHA256, 2048 iterations]",
        Pbkdf2Hash.parse(SOTERIA_DEFAULT).toString());
  }
}
