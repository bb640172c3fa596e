package dev.fleetgate.proxy;

import dev.fleetgate.proxy.tls.TlsConfig;
import dev.fleetgate.supervisor.config.ConfigRules;
import dev.fleetgate.supervisor.config.ConfigValues;
import dev.fleetgate.supervisor.config.InvalidConfigurationException;

/**
 * The proxy's rules for its settings (R16): {@code fleetgate.proxy.*} as {@link ProxySettings}
 * reads them and the front door's {@code fleetgate.http.*} limits as {@link FrontDoorLink} does,
 * and {@code fleetgate.tls.*} with its files as {@link TlsConfig} does. Found by name by {@code
 * ConfigCheck}; touches no servlet type, so that {@code fleetgate check} runs on a plain JDK, and
 * the front door's TLS types only where they are (not in a WAR deployed without the front door).
 */
public final class ProxyConfigRules implements ConfigRules {
  @Override
  public void apply(ConfigValues values) {
    ProxyPlan.read(values);
    FrontDoorLink.headerTimeout(values);
    FrontDoorLink.maxUnfinishedHeads(values);
    TlsConfig tls;
    try {
      tls = TlsConfig.read(values);
    } catch (NoClassDefFoundError frontDoorAbsent) {
      // The TLS types live in the front door library: without it there is no Fleetgate TLS
      // listener to check, and asking for one is refused rather than ignored.
      int port = values.integer(TlsConfig.PORT, 0, 65535);
      if (port > 0) {
        throw new InvalidConfigurationException(
            TlsConfig.PORT,
            Integer.toString(port),
            "needs Fleetgate's front door (fleetgate-front-door.jar) on the server's class path,"
                + " as ./fleetgate run installs it; on Payara Server, use the server's own HTTPS"
                + " listener instead");
      }
      return;
    }
    if (tls.enabled()) {
      tls.load(); // the files must serve: a wrong key refuses the start, not the first handshake
    }
  }
}
