package dev.fleetgate.proxy;

import dev.fleetgate.frontdoor.FrontDoor;
import dev.fleetgate.frontdoor.FrontDoorSettings;
import dev.fleetgate.frontdoor.tls.ServerTls;
import dev.fleetgate.proxy.tls.HttpsRedirect;
import dev.fleetgate.proxy.tls.TlsConfig;
import dev.fleetgate.supervisor.config.ConfigValues;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Hands the front door (the {@code front-door} server library, a filter ahead of the container's
 * HTTP parser) the limits from Fleetgate's configuration, and says loudly when it is not there:
 * without it, requests framed to smuggle a second one reach the container's parser (R13).
 */
final class FrontDoorLink {
  private static final Logger LOG = Logger.getLogger(FrontDoorLink.class.getName());

  private FrontDoorLink() {}

  static void configure(ConfigValues values, long maxBodySize) {
    Duration headerTimeout = headerTimeout(values);
    int maxUnfinishedHeads = maxUnfinishedHeads(values);
    try {
      // Every front-door type is touched inside this try: the library may be absent.
      TlsConfig tls = TlsConfig.read(values);
      FrontDoor.configure(new FrontDoorSettings(headerTimeout, maxUnfinishedHeads, maxBodySize));
      if (tls.enabled()) {
        ServerTls serverTls = tls.load();
        FrontDoor.configureTls(serverTls);
        LOG.info(
            "Fleetgate TLS on port "
                + tls.port()
                + " ("
                + String.join(", ", serverTls.settings().protocols())
                + (serverTls.settings().http2() ? "; HTTP/2 and HTTP/1.1" : "; HTTP/1.1 only")
                + "): "
                + serverTls.description());
      } else {
        FrontDoor.configureTls(null);
      }
      HttpsRedirect.redirectTo(tls.redirectHttp() ? tls.port() : 0);
      if (!FrontDoor.installed()) {
        warnMissing();
      }
    } catch (NoClassDefFoundError notOnTheServersClassPath) {
      warnMissing();
    }
  }

  static Duration headerTimeout(ConfigValues values) {
    return values.duration("fleetgate.http.header-timeout", Duration.ofSeconds(1));
  }

  static int maxUnfinishedHeads(ConfigValues values) {
    return values.integer("fleetgate.http.max-unfinished-heads", 16, 1_000_000);
  }

  private static void warnMissing() {
    LOG.severe(
        "Fleetgate's front door is not in this server's HTTP chain: ambiguous request framing,"
            + " slow request heads and encoded dot segments reach the container unchecked."
            + " Install fleetgate-front-door.jar as the README says (./fleetgate run does).");
  }
}
