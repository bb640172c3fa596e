package dev.fleetgate.supervisor.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The configuration as {@code fleetgate check} sees it without a server (R5), in MicroProfile
 * Config's order: system properties (400) over environment variables (300) over the config file
 * (200) over the shipped defaults (100). As in Payara, an empty value counts as unset, and a key is
 * looked up in the environment as {@code fleetgate.workers.count}, {@code fleetgate_workers_count},
 * then {@code FLEETGATE_WORKERS_COUNT}.
 */
public final class LayeredConfig implements ConfigView {

  /** One source: its label and its values. */
  private record Layer(String label, Map<String, String> values, boolean environment) {
    String get(String key) {
      if (!environment) {
        return values.get(key);
      }
      String underscored = key.replaceAll("[^A-Za-z0-9]", "_");
      for (String name : List.of(key, underscored, underscored.toUpperCase(Locale.ROOT))) {
        String value = values.get(name);
        if (value != null && !value.isEmpty()) {
          return value;
        }
      }
      return null;
    }
  }

  private final List<Layer> layers;
  private final Set<String> variableNames;

  public LayeredConfig(
      Map<String, String> defaults,
      ConfigFile file,
      Map<String, String> systemProperties,
      Map<String, String> environment) {
    this.layers =
        List.of(
            new Layer("system property", Map.copyOf(systemProperties), false),
            new Layer("environment", Map.copyOf(environment), true),
            new Layer(file.sourceName(), file.properties(), false),
            new Layer("default", Map.copyOf(defaults), false));
    this.variableNames = Set.copyOf(environment.keySet());
  }

  @Override
  public Optional<String> value(String key) {
    return answering(key).map(layer -> layer.get(key));
  }

  @Override
  public String sourceOf(String key) {
    return answering(key).map(Layer::label).orElse("unset");
  }

  @Override
  public Map<String, String> propertyNames() {
    Map<String, String> names = new TreeMap<>();
    for (Layer layer : layers) {
      for (String name : layer.values().keySet()) {
        if (name.startsWith(KnownKeys.PREFIX)) {
          names.putIfAbsent(name, layer.label());
        }
      }
    }
    return names;
  }

  @Override
  public Set<String> variableNames() {
    return variableNames;
  }

  private Optional<Layer> answering(String key) {
    for (Layer layer : layers) {
      String value = layer.get(key);
      if (value != null && !value.isEmpty()) {
        return Optional.of(layer);
      }
    }
    return Optional.empty();
  }
}
