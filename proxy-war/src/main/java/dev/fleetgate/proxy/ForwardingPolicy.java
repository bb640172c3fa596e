package dev.fleetgate.proxy;

import dev.fleetgate.proxy.headers.ForwardedHeaders;
import dev.fleetgate.proxy.headers.RequestIds;
import dev.fleetgate.proxy.headers.TrustedProxies;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/** The forwarding headers and the request id for one request, under the configured trust (R2). */
public final class ForwardingPolicy {
  private final TrustedProxies trusted;
  private final boolean rfc7239;
  private final RequestIds requestIds;

  ForwardingPolicy(TrustedProxies trusted, boolean rfc7239, RequestIds requestIds) {
    this.trusted = trusted;
    this.rfc7239 = rfc7239;
    this.requestIds = requestIds;
  }

  /**
   * The request's id (R18): the one a trusted proxy sent, when sane, else a new one; {@link
   * RequestId#NONE} when request ids are off.
   */
  public RequestId requestIdFor(HttpServletRequest request) {
    if (!requestIds.enabled()) {
      return RequestId.NONE;
    }
    String incoming = request.getHeader(requestIds.header());
    // Most requests bring no id: the trust check (an address parse) only when one came.
    boolean trustedPeer = incoming != null && trusted.trusts(request.getRemoteAddr());
    return new RequestId(requestIds.header(), RequestIds.choose(incoming, trustedPeer));
  }

  /**
   * The headers the proxy sets on the worker's request, replacing the client's of the same names:
   * the forwarding headers, and the request id unless it is {@link RequestId#NONE}.
   */
  public Map<String, String> headersFor(HttpServletRequest request, RequestId id) {
    Map<String, String> headers =
        ForwardedHeaders.of(
            request::getHeader,
            trusted.trusts(request.getRemoteAddr()),
            new ForwardedHeaders.Hop(
                request.getRemoteAddr(),
                request.getScheme(),
                request.getHeader("Host"),
                request.getLocalPort()),
            rfc7239);
    if (id.value() != null) {
      headers.put(id.header(), id.value());
    }
    return headers;
  }
}
