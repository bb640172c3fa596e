package dev.fleetgate.supervisor.config;

import java.util.List;

/**
 * The pre-boot commands of one start's TLS listener on Payara Micro: its port and address, and
 * enabled. The listener itself, behind the front door's TLS filter, is set up once by {@code
 * front-door/src/main/asadmin/front-door-tls.asadmin}.
 */
public final class ListenerCommands {
  private static final String LISTENER =
      "configs.config.server-config.network-config.network-listeners.network-listener.https-listener";

  private ListenerCommands() {}

  /** The commands for a TLS listener on {@code port} (none when 0) at {@code host}. */
  public static List<String> tls(int port, String host) {
    if (port == 0) {
      return List.of();
    }
    return List.of(
        "set " + LISTENER + ".port=" + port,
        "set " + LISTENER + ".address=" + host,
        "set " + LISTENER + ".enabled=true");
  }
}
