package dev.fleetgate.frontdoor;

import org.glassfish.grizzly.ssl.SSLBaseFilter;

/**
 * Grizzly's TLS filter, at the head of the front door's protocol chain rather than beside the
 * transport, with engines from {@link CurrentTlsEngines}.
 */
final class FrontDoorTlsFilter extends SSLBaseFilter {
  private final CurrentTlsEngines engines;

  FrontDoorTlsFilter() {
    this(new CurrentTlsEngines());
  }

  private FrontDoorTlsFilter(CurrentTlsEngines engines) {
    // No handshake timeout of Grizzly's: it would block a worker thread per handshake. The head
    // timeout, which runs from the accept, bounds a slow handshake too.
    super(engines, false);
    this.engines = engines;
  }

  /** ALPN from now on: each new engine gets the negotiation before its handshake begins. */
  void negotiateWith(Http2Negotiation negotiation) {
    engines.negotiateWith(negotiation);
  }
}
