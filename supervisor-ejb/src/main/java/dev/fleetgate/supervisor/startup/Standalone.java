package dev.fleetgate.supervisor.startup;

import dev.fleetgate.supervisor.config.ConfigCheck;
import dev.fleetgate.supervisor.config.KnownKeys;

/**
 * Whether Fleetgate owns its JVM ({@value ConfigCheck#STANDALONE}, set by the launcher on Payara
 * Micro): then a failed start ends the JVM (R2) and the server answers SIGTERM, SIGINT and SIGHUP
 * itself ({@code dev.fleetgate.supervisor.shutdown}). Read from the system property, else the
 * environment, never through MicroProfile Config: it must be known before the application's
 * configuration is, and a Payara Server domain's own sources must never turn it on.
 */
public final class Standalone {
  private Standalone() {}

  public static boolean requested() {
    String value = System.getProperty(ConfigCheck.STANDALONE);
    if (value == null || value.isEmpty()) {
      value = System.getenv(KnownKeys.environmentName(ConfigCheck.STANDALONE));
    }
    return "true".equals(value);
  }
}
