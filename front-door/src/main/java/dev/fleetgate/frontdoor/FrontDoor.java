package dev.fleetgate.frontdoor;

/**
 * The application's handle on the front door: it passes its configuration here at start and asks
 * whether the filter is in the container's chain at all. The class lives in a server library, so
 * one instance serves every listener and the application that configures it.
 */
public final class FrontDoor {
  private static volatile FrontDoorSettings settings = FrontDoorSettings.DEFAULTS;
  private static volatile boolean installed;

  private FrontDoor() {}

  /** Applies the application's limits to every connection from now on. */
  public static void configure(FrontDoorSettings newSettings) {
    settings = newSettings;
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
