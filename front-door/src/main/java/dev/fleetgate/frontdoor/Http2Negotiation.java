package dev.fleetgate.frontdoor;

import java.lang.reflect.Constructor;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.logging.Logger;
import javax.net.ssl.SSLEngine;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http2.AlpnSupport;
import org.glassfish.grizzly.http2.Http2Configuration;
import org.glassfish.grizzly.http2.Http2ServerFilter;
import org.glassfish.grizzly.npn.AlpnServerNegotiator;
import org.glassfish.grizzly.ssl.SSLBaseFilter;

/**
 * ALPN on the front door's TLS (T6): {@code h2} when the client offers it and HTTP/2 is on, else
 * {@code http/1.1}. Grizzly's HTTP/2 add-on configures ALPN only on a TLS filter of its own chain,
 * and Payara gives it none behind a port-unification filter, so the front door does what the add-on
 * would: it registers Grizzly's own negotiator, which starts an HTTP/2 session on the connection
 * when {@code h2} is chosen. That class is not public, hence the one reflective call.
 */
final class Http2Negotiation implements AlpnServerNegotiator {
  private static final Logger LOG = Logger.getLogger(Http2Negotiation.class.getName());
  private static final String HTTP_1_1 = "http/1.1";

  private final AlpnServerNegotiator grizzlys;

  private Http2Negotiation(AlpnServerNegotiator grizzlys) {
    this.grizzlys = grizzlys;
  }

  /**
   * Adds Grizzly's HTTP/2 filter behind the HTTP codec of a protocol's chain, as its HTTP/2 add-on
   * would (Payara adds none behind a port-unification filter), and sets up ALPN on the TLS filter.
   * Null when this JDK has no ALPN: the listener then speaks HTTP/1.1 alone.
   */
  static Http2Negotiation install(FilterChain chain, SSLBaseFilter tls, ExecutorService streams) {
    if (!AlpnSupport.isEnabled()) {
      LOG.warning("Fleetgate front door: this JDK has no TLS ALPN; HTTP/2 is off");
      return null;
    }
    int codec = chain.indexOfType(HttpServerFilter.class);
    if (codec < 0) {
      LOG.warning("Fleetgate front door: no HTTP codec in the TLS protocol's chain; HTTP/2 is off");
      return null;
    }
    Http2ServerFilter http2 =
        new Http2ServerFilter(
            // Server push is off: a proxy does not know what the worker's page needs.
            Http2Configuration.builder().executorService(streams).enablePush(false).build());
    http2.setLocalMaxFramePayloadSize(http2.getConfiguration().getMaxFramePayloadSize());
    try {
      Class<?> impl = Class.forName("org.glassfish.grizzly.http2.AlpnServerNegotiatorImpl");
      Constructor<?> constructor = impl.getDeclaredConstructor(Http2ServerFilter.class);
      constructor.setAccessible(true);
      AlpnServerNegotiator grizzlys = (AlpnServerNegotiator) constructor.newInstance(http2);
      chain.add(codec + 1, http2);
      AlpnSupport.getInstance().configure(tls);
      return new Http2Negotiation(grizzlys);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warning(
          "Fleetgate front door: cannot set up HTTP/2 negotiation (" + e + "); HTTP/2 is off");
      return null;
    }
  }

  @Override
  public String selectProtocol(SSLEngine engine, String[] offered) {
    if (FrontDoor.tls() != null && FrontDoor.tls().settings().http2()) {
      return grizzlys.selectProtocol(engine, offered);
    }
    // Without a chosen protocol Grizzly's HTTP/2 filter marks a TLS connection "never HTTP/2".
    return List.of(offered).contains(HTTP_1_1) ? HTTP_1_1 : null;
  }
}
