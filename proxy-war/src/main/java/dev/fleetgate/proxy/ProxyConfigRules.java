package dev.fleetgate.proxy;

import dev.fleetgate.proxy.tls.TlsConfig;
import dev.fleetgate.supervisor.config.ConfigRules;
import dev.fleetgate.supervisor.config.ConfigValues;

/**
 * The proxy's rules for its settings (R16): {@code fleetgate.proxy.*} as {@link ProxySettings}
 * reads them and the front door's {@code fleetgate.http.*} limits as {@link FrontDoorLink} does,
 * and {@code fleetgate.tls.*} with its files as {@link TlsConfig} does. Found by name by {@code
 * ConfigCheck}; touches no servlet or front-door type, so that {@code fleetgate check} runs on a
 * plain JDK.
 */
public final class ProxyConfigRules implements ConfigRules {
  @Override
  public void apply(ConfigValues values) {
    ProxySettings.read(values);
    FrontDoorLink.headerTimeout(values);
    FrontDoorLink.maxUnfinishedHeads(values);
    TlsConfig tls = TlsConfig.read(values);
    if (tls.enabled()) {
      tls.load(); // the files must serve: a wrong key refuses the start, not the first handshake
    }
  }
}
