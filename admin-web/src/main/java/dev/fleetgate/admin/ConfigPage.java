package dev.fleetgate.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;

/**
 * Backs {@code config.xhtml}: the {@code fleetgate.*} settings in effect and where each came from
 * (R12), read through MicroProfile Config's {@link Config#getConfigValue}.
 */
@Named
@RequestScoped
public class ConfigPage {

  @Inject Config config;

  private List<SettingRow> settings;

  public List<SettingRow> getSettings() {
    if (settings == null) {
      settings =
          EffectiveConfig.rows(config.getPropertyNames(), System.getenv().keySet(), this::lookup);
    }
    return settings;
  }

  private Optional<EffectiveConfig.Found> lookup(String key) {
    ConfigValue value = config.getConfigValue(key);
    if (value == null || value.getValue() == null) {
      return Optional.empty();
    }
    return Optional.of(
        new EffectiveConfig.Found(
            value.getValue(), value.getSourceName(), value.getSourceOrdinal()));
  }
}
