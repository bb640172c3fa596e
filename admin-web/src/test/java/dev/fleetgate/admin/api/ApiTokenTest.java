package dev.fleetgate.admin.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetgate.admin.api.ApiToken.Verdict;
import dev.fleetgate.supervisor.config.InvalidConfigurationException;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiTokenTest {

  static final String TOKEN = "0123456789abcdef-api";

  @ParameterizedTest
  @DisplayName("R1 without a configured token the API is off, whatever the caller sends")
  @NullSource
  @ValueSource(strings = {"", "Bearer ", "Bearer " + TOKEN})
  void isOffWithoutAToken(String header) {
    for (Optional<String> unset : java.util.List.of(Optional.<String>empty(), Optional.of("  "))) {
      ApiToken cut = ApiToken.of(unset);

      assertFalse(cut.configured());
      assertEquals(Verdict.OFF, cut.check(header));
    }
  }

  @ParameterizedTest
  @DisplayName("R1 the configured token lets a caller in")
  @ValueSource(strings = {"Bearer " + TOKEN, "bearer " + TOKEN, " Bearer  " + TOKEN + " "})
  void allowsTheToken(String header) {
    assertEquals(Verdict.ALLOWED, ApiToken.of(Optional.of(TOKEN)).check(header));
  }

  @ParameterizedTest
  @DisplayName("R1 no token is 401 as missing")
  @NullSource
  @ValueSource(strings = {"", "  "})
  void missingToken(String header) {
    assertEquals(Verdict.MISSING, ApiToken.of(Optional.of(TOKEN)).check(header));
  }

  @ParameterizedTest
  @DisplayName("R1 another token, or the token in another scheme, is wrong")
  @ValueSource(
      strings = {
        "Bearer wrong",
        "Bearer " + TOKEN + "x",
        "Bearer 0123456789abcdef-ap",
        "Basic " + TOKEN,
        TOKEN,
        "Bearer"
      })
  void wrongToken(String header) {
    assertEquals(Verdict.WRONG, ApiToken.of(Optional.of(TOKEN)).check(header));
  }

  @Test
  @DisplayName("R1 a short token stops the start, naming the key but not the token")
  void refusesShortToken() {
    InvalidConfigurationException e =
        assertThrows(
            InvalidConfigurationException.class, () -> ApiToken.of(Optional.of("short-secret")));

    assertEquals(ApiToken.KEY, e.key());
    assertTrue(e.getMessage().contains("at least 16"), e.getMessage());
    assertFalse(e.getMessage().contains("short-secret"), e.getMessage());
  }

  @ParameterizedTest
  @DisplayName("R1 a token a header cannot carry stops the start")
  @ValueSource(strings = {"0123456789 abcdef", "0123456789abcdef\u00e9", "0123456789abcdef\t1"})
  void refusesUnsendableToken(String token) {
    InvalidConfigurationException e =
        assertThrows(InvalidConfigurationException.class, () -> ApiToken.of(Optional.of(token)));

    assertEquals(ApiToken.KEY, e.key());
    assertFalse(e.getMessage().contains("0123456789"), e.getMessage());
  }
}
