package dev.fleetgate.proxy;

import dev.fleetgate.proxy.headers.ForwardedHeaders;
import dev.fleetgate.proxy.headers.TrustedProxies;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/** The forwarding headers for one request, under the configured trust (R2). */
public final class ForwardingPolicy {
  private final TrustedProxies trusted;
  private final boolean rfc7239;

  ForwardingPolicy(TrustedProxies trusted, boolean rfc7239) {
    this.trusted = trusted;
    this.rfc7239 = rfc7239;
  }

  public Map<String, String> headersFor(HttpServletRequest request) {
    return ForwardedHeaders.of(
        request::getHeader,
        trusted.trusts(request.getRemoteAddr()),
        new ForwardedHeaders.Hop(
            request.getRemoteAddr(),
            request.getScheme(),
            request.getHeader("Host"),
            request.getLocalPort()),
        rfc7239);
  }
}
