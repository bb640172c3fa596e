package dev.fleetgate.frontdoor;

import dev.fleetgate.frontdoor.tls.ServerTls;

/**
 * The application's handle on the front door: it passes its configuration here at start and asks
 * whether the filter is in the container's chain at all. The class lives in a server library, so
 * one instance serves every listener and the application that configures it.
 */
public final class FrontDoor {
  private static volatile FrontDoorSettings settings = FrontDoorSettings.DEFAULTS;
  private static volatile boolean installed;
  private static volatile ServerTls tls;

  private FrontDoor() {}

  /** Applies the application's limits to every connection from now on. */
  public static void configure(FrontDoorSettings newSettings) {
    settings = newSettings;
  }

  /**
   * The certificate and TLS settings of the TLS listener from now on (T3): new connections use
   * them, open ones keep theirs. Null turns TLS off (its connections are closed).
   */
  public static void configureTls(ServerTls newTls) {
    tls = newTls;
  }

  /** What TLS connections use now; null before the application configured it. */
  public static ServerTls tls() {
    return tls;
  }

  /** True once a listener built its chain with {@link FrontDoorFilter}. */
  public static boolean installed() {
    return installed;
  }

  static FrontDoorSettings settings() {
    return settings;
  }

  static void markInstalled() {
    installed = true;
  }
}
