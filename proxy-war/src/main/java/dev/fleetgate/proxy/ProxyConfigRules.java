package dev.fleetgate.proxy;

import dev.fleetgate.supervisor.config.ConfigRules;
import dev.fleetgate.supervisor.config.ConfigValues;

/**
 * The proxy's rules for its settings (R16): {@code fleetgate.proxy.*} as {@link ProxySettings}
 * reads them and the front door's {@code fleetgate.http.*} limits as {@link FrontDoorLink} does.
 * Found by name by {@code ConfigCheck}; touches no servlet or front-door type, so that {@code
 * fleetgate check} runs on a plain JDK.
 */
public final class ProxyConfigRules implements ConfigRules {
  @Override
  public void apply(ConfigValues values) {
    ProxySettings.read(values);
    FrontDoorLink.headerTimeout(values);
    FrontDoorLink.maxUnfinishedHeads(values);
  }
}
