package dev.fleetgate.supervisor.config;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The {@link ConfigFile} as a MicroProfile Config source (R1), registered in {@code
 * META-INF/services}: above the shipped defaults (100) and Payara's own sources, below environment
 * variables (300) and system properties (400). Its name is the file's path, so the console's
 * configuration page shows which values came from it. A file that cannot be read gives no values
 * here; the start-up check reports it.
 */
public class ConfigFileSource implements ConfigSource {

  /** Between the defaults (100) and the environment (300). */
  public static final int ORDINAL = 200;

  private final ConfigFile file;

  public ConfigFileSource() {
    this(ConfigFile.locate(System::getProperty, System::getenv));
  }

  ConfigFileSource(ConfigFile file) {
    this.file = file;
  }

  @Override
  public Map<String, String> getProperties() {
    return file.properties();
  }

  @Override
  public Set<String> getPropertyNames() {
    return file.properties().keySet();
  }

  @Override
  public String getValue(String propertyName) {
    return file.properties().get(propertyName);
  }

  @Override
  public String getName() {
    return file.sourceName();
  }

  @Override
  public int getOrdinal() {
    return ORDINAL;
  }
}
