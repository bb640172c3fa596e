package dev.fleetgate.frontdoor;

import dev.fleetgate.frontdoor.tls.ServerTls;
import javax.net.ssl.SSLEngine;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;

/**
 * Grizzly's TLS filter asks this for each new connection's engine, which comes from the certificate
 * the application configured last ({@link FrontDoor#configureTls}), renewals included. Until the
 * application has started there is none, and a TLS connection is closed.
 */
final class CurrentTlsEngines extends SSLEngineConfigurator {
  private volatile Http2Negotiation negotiation;

  CurrentTlsEngines() {
    super();
    clientMode = false;
  }

  /**
   * The ALPN choice for every engine made from now on. It must be on the engine before its
   * handshake begins: the JDK copies an engine's settings into the handshake then. Grizzly's own
   * hook for it runs only beside the transport filter, which is in the parent chain here.
   */
  void negotiateWith(Http2Negotiation alpn) {
    negotiation = alpn;
  }

  @Override
  public SSLEngine createSSLEngine() {
    return withAlpn(current().newEngine());
  }

  @Override
  public SSLEngine createSSLEngine(String peerHost, int peerPort) {
    return withAlpn(current().newEngine());
  }

  private SSLEngine withAlpn(SSLEngine engine) {
    Http2Negotiation alpn = negotiation;
    if (alpn != null) {
      engine.setHandshakeApplicationProtocolSelector(alpn);
    }
    return engine;
  }

  @Override
  public SSLEngine configure(SSLEngine engine) {
    return engine; // newEngine() configured it whole
  }

  @Override
  public SSLEngineConfigurator copy() {
    CurrentTlsEngines copy = new CurrentTlsEngines();
    copy.negotiation = negotiation;
    return copy;
  }

  private static ServerTls current() {
    ServerTls tls = FrontDoor.tls();
    if (tls == null) {
      throw new IllegalStateException("TLS is not configured yet: Fleetgate has not started");
    }
    return tls;
  }
}
