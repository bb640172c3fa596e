package dev.fleetgate.supervisor.startup;

import dev.fleetgate.supervisor.config.ConfigView;
import dev.fleetgate.supervisor.config.KnownKeys;
import dev.fleetgate.supervisor.config.SourceLabel;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;

/** The configuration as the application reads it at start: MicroProfile Config (R1). */
final class MicroProfileView implements ConfigView {
  private final Config config;

  MicroProfileView(Config config) {
    this.config = config;
  }

  @Override
  public Optional<String> value(String key) {
    return config.getOptionalValue(key, String.class);
  }

  @Override
  public String sourceOf(String key) {
    ConfigValue value = config.getConfigValue(key);
    return value == null || value.getSourceName() == null
        ? "unset"
        : SourceLabel.of(value.getSourceName(), value.getSourceOrdinal());
  }

  @Override
  public Map<String, String> propertyNames() {
    Map<String, String> names = new TreeMap<>();
    for (ConfigSource source : config.getConfigSources()) {
      Set<String> listed;
      try {
        listed = source.getPropertyNames();
      } catch (RuntimeException unlistable) {
        continue; // a source that cannot list its names (a database's, say) hides none of ours
      }
      for (String name : listed) {
        if (name.startsWith(KnownKeys.PREFIX)) {
          names.putIfAbsent(name, SourceLabel.of(source.getName(), source.getOrdinal()));
        }
      }
    }
    return names;
  }

  @Override
  public Set<String> variableNames() {
    return System.getenv().keySet();
  }
}
