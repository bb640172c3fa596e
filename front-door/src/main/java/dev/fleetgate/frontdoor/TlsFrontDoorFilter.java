package dev.fleetgate.frontdoor;

import java.io.IOException;
import org.glassfish.grizzly.Transport;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http2.AlpnSupport;
import org.glassfish.grizzly.portunif.PUProtocol;

/**
 * The front door of the TLS listener (T3–T6): TLS from Fleetgate's own certificate files, then the
 * same framing checks as on plain HTTP, then the container's HTTP/1.1 and HTTP/2 filters. Payara's
 * own TLS (its keystore, read once at boot) stays off on this listener: the certificate comes from
 * Fleetgate's configuration and is renewed without a restart. {@code
 * asadmin/front-door-tls.asadmin} sets it up.
 */
public class TlsFrontDoorFilter extends FrontDoorFilter {
  private final FrontDoorTlsFilter tls = new FrontDoorTlsFilter();
  private final ListenerWorkers streams = new ListenerWorkers();
  private volatile Http2Negotiation negotiation;
  private volatile Transport negotiatingOn;

  @Override
  protected void addAheadOfFraming(FilterChainBuilder builder) {
    builder.add(new DirectTransportWrites(this));
    builder.add(tls);
  }

  /** Payara registers the HTTP protocol's finished chain: HTTP/2 goes in behind its codec. */
  @Override
  public void register(PUProtocol protocol) {
    negotiation = Http2Negotiation.install(protocol.getFilterChain(), tls, streams);
    super.register(protocol);
    if (negotiation != null) {
      tls.negotiateWith(negotiation);
    }
  }

  @Override
  public NextAction handleAccept(FilterChainContext ctx) throws IOException {
    if (FrontDoor.tls() == null) {
      // Fleetgate has not started (or TLS is off): no certificate to serve. Closed at once, not
      // failed in the TLS filter, which would log a stack trace per connection while it boots.
      ctx.getConnection().closeSilently();
      return ctx.getStopAction();
    }
    Http2Negotiation alpn = negotiation;
    Transport transport = ctx.getConnection().getTransport();
    if (alpn != null && negotiatingOn != transport) {
      // Grizzly's negotiator finds its connection through a map kept by ALPN's handshake listener,
      // which looks negotiators up by transport; the listener's transport is known from its first
      // accept, and so is its worker pool.
      streams.use(transport.getWorkerThreadPool());
      AlpnSupport.getInstance().setServerSideNegotiator(transport, alpn);
      negotiatingOn = transport;
    }
    return super.handleAccept(ctx);
  }

  /**
   * A write that enters the listener's own chain, not its protocol's: writes from the protocol's
   * filters pass below this filter, so only {@code connection.write} lands here (Grizzly's HTTP/2
   * session sends its first SETTINGS frame so). It is encrypted by the same TLS filter, as every
   * byte to the client must be.
   */
  @Override
  public NextAction handleWrite(FilterChainContext ctx) throws IOException {
    return tls.handleWrite(ctx);
  }
}
