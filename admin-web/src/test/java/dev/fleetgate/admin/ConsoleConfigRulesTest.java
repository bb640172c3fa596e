package dev.fleetgate.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fleetgate.supervisor.config.ConfigValues;
import dev.fleetgate.supervisor.config.InvalidConfigurationException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The console's rules, as the start-up check and {@code fleetgate check} run them. */
class ConsoleConfigRulesTest {
  final ConsoleConfigRules cut = new ConsoleConfigRules();

  @ParameterizedTest(name = "{0}={1}")
  @DisplayName("R16 a bad console setting is refused, naming its key; secrets are not printed")
  @CsvSource(
      delimiter = '|',
      value = {
        "fleetgate.admin.username|'  '|fleetgate.admin.username|",
        "fleetgate.admin.password-hash|PBKDF2WithHmacSHA256:1:x|fleetgate.admin.password-hash|(hidden)",
        "fleetgate.admin.viewer-username|admin|fleetgate.admin.viewer-username|admin",
        "fleetgate.admin.viewer-username|ops|fleetgate.admin.viewer-username|ops",
        "fleetgate.http.server-header|Fleet\u0001gate|fleetgate.http.server-header|Fleet\u0001gate"
      })
  void refusesBadSettings(String key, String value, String namedKey, String shownValue) {
    InvalidConfigurationException e =
        assertThrows(
            InvalidConfigurationException.class, () -> cut.apply(values(Map.of(key, value))));

    assertEquals(namedKey, e.key());
    assertEquals(shownValue, e.value());
  }

  @Test
  @DisplayName("R16 the defaults, a password and a viewer with a password pass")
  void acceptsGoodSettings() {
    cut.apply(values(Map.of()));
    cut.apply(
        values(
            Map.of(
                "fleetgate.admin.password", "secret",
                "fleetgate.admin.viewer-username", "ops",
                "fleetgate.admin.viewer-password", "look")));
  }

  private static ConfigValues values(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(Map.of("fleetgate.admin.username", "admin"));
    all.putAll(settings);
    return new ConfigValues(key -> Optional.ofNullable(all.get(key)));
  }
}
