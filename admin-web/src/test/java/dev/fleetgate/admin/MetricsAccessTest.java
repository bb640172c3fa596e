package dev.fleetgate.admin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MetricsAccessTest {

  @Test
  @DisplayName("R9 a signed-in console user may read the metrics")
  void allowsConsoleUser() {
    assertTrue(new MetricsAccess(Optional.empty()).allows(true, null));
  }

  @ParameterizedTest
  @DisplayName("R9 the configured bearer token opens the metrics")
  @ValueSource(strings = {"Bearer s3cret-token", "bearer s3cret-token", "Bearer  s3cret-token "})
  void allowsConfiguredToken(String header) {
    MetricsAccess cut = new MetricsAccess(Optional.of("s3cret-token"));

    assertTrue(cut.allows(false, header));
  }

  @ParameterizedTest
  @DisplayName("R9 anything else is refused")
  @NullSource
  @ValueSource(
      strings = {"", "Bearer wrong", "Bearer s3cret-toke", "Basic s3cret-token", "s3cret-token"})
  void refusesOthers(String header) {
    assertFalse(new MetricsAccess(Optional.of("s3cret-token")).allows(false, header));
  }

  @ParameterizedTest
  @DisplayName("R9 without a configured token no bearer header opens the metrics")
  @ValueSource(strings = {"Bearer ", "Bearer x", "Bearer"})
  void refusesTokensWhenNoneIsConfigured(String header) {
    assertFalse(new MetricsAccess(Optional.empty()).allows(false, header));
    assertFalse(new MetricsAccess(Optional.of("  ")).allows(false, header));
  }
}
