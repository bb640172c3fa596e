package dev.fleetgate.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fleetgate.admin.EffectiveConfig.Found;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EffectiveConfigTest {

  @ParameterizedTest(name = "{0} ({1}) → {2}")
  @DisplayName("R12 each source reads as where the value came from")
  @CsvSource({
    "SystemProperty, 400, system property",
    "Environment, 300, environment",
    "Properties, 100, default",
    "jar:file:/x/supervisor-ejb.jar!/META-INF/microprofile-config.properties, 100, default",
    "Domain, 70, Domain (ordinal 70)",
    "config file /opt/systemd/fleetgate.properties, 200, config file /opt/systemd/fleetgate.properties",
    "'', 50, ordinal 50"
  })
  void namesSources(String sourceName, int ordinal, String expected) {
    assertEquals(expected, EffectiveConfig.sourceLabel(sourceName, ordinal));
  }

  @Test
  @DisplayName("R12 every fleetgate.* setting is listed by key with its source, secrets masked")
  void listsSettingsWithSources() {
    Map<String, Found> values =
        Map.of(
            "fleetgate.workers.count", new Found("2", "SystemProperty", 400),
            "fleetgate.workers.base-port", new Found("3000", "Properties", 100),
            "fleetgate.admin.password", new Found("hunter2", "Environment", 300));

    List<SettingRow> rows =
        EffectiveConfig.rows(
            List.of("fleetgate.workers.count", "fleetgate.workers.base-port", "java.home"),
            Set.of("FLEETGATE_ADMIN_PASSWORD", "PATH"),
            key -> Optional.ofNullable(values.get(key)));

    assertEquals(
        List.of(
            new SettingRow("fleetgate.admin.password", SecretMask.MASK, "environment"),
            new SettingRow("fleetgate.workers.base-port", "3000", "default"),
            new SettingRow("fleetgate.workers.count", "2", "system property")),
        rows);
  }

  @Test
  @DisplayName("R12 a FLEETGATE_* variable matching no known key is shown under its own name")
  void listsUnknownEnvironmentVariables() {
    List<SettingRow> rows =
        EffectiveConfig.rows(
            List.of(),
            Set.of("FLEETGATE_CUSTOM_THING"),
            key ->
                key.equals("FLEETGATE_CUSTOM_THING")
                    ? Optional.of(new Found("x", "Environment", 300))
                    : Optional.empty());

    assertEquals(List.of(new SettingRow("FLEETGATE_CUSTOM_THING", "x", "environment")), rows);
  }

  @Test
  @DisplayName("R12 keys map to the environment variables MicroProfile Config reads")
  void mapsKeysToEnvironmentNames() {
    assertEquals(
        "FLEETGATE_ADMIN_PASSWORD_HASH",
        EffectiveConfig.environmentName("fleetgate.admin.password-hash"));
  }
}
