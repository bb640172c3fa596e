package dev.fleetgate.supervisor.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The Fleetgate version this build is, from the resource Maven fills in. */
public final class FleetgateVersion {
  private static final String VERSION = load();

  private FleetgateVersion() {}

  public static String current() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = FleetgateVersion.class.getResourceAsStream("version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
