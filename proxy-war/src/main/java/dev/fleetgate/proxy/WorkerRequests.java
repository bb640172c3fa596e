package dev.fleetgate.proxy;

import dev.fleetgate.proxy.balance.Peer;
import dev.fleetgate.proxy.headers.HopByHopHeaders;
import dev.fleetgate.proxy.headers.RequestHeaders;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Collections;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Builds the request a worker gets from the client's (R2): same method, path, query and body;
 * end-to-end headers copied, hop-by-hop ones dropped; the client's {@code Host} kept; the
 * forwarding headers and the request id set, replacing the client's.
 */
final class WorkerRequests {
  private static final Logger LOG = Logger.getLogger(WorkerRequests.class.getName());

  private final Duration responseTimeout;
  private final ForwardingPolicy forwarding;
  private final boolean keepsHost;
  private final boolean closesChunkedUploads;

  WorkerRequests(Duration responseTimeout, ForwardingPolicy forwarding) {
    this.responseTimeout = responseTimeout;
    this.forwarding = forwarding;
    this.keepsHost = restrictedHeaderAllowed("Host", "probe");
    this.closesChunkedUploads = restrictedHeaderAllowed("Connection", "close");
  }

  /**
   * @throws IllegalArgumentException when the client's request cannot be expressed to the worker
   */
  HttpRequest build(Exchange exchange, Peer peer) {
    HttpServletRequest request = exchange.request;
    String query = request.getQueryString();
    URI target =
        URI.create(
            peer.upstream().baseUri()
                + exchange.route.workerPath(request.getRequestURI())
                + (query == null ? "" : "?" + query));
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(target).method(request.getMethod(), exchange.body.publisher());
    if (!exchange.body.present()) {
      // With a body, the wait for headers starts only once the body is sent: StallWatch times it.
      builder.timeout(responseTimeout);
    }
    copyHeaders(request, builder);
    WorkerRequestHead.forwardedHeaders(request, exchange.route, forwarding, exchange.requestId)
        .forEach(builder::setHeader);
    if (exchange.body.chunked() && closesChunkedUploads) {
      // A chunked upload that breaks off (too large, client gone) leaves the worker waiting for
      // the rest: that connection must never carry another request.
      builder.header("Connection", "close");
    }
    return builder.build();
  }

  private void copyHeaders(HttpServletRequest request, HttpRequest.Builder builder) {
    HopByHopHeaders hopByHop =
        HopByHopHeaders.of(Collections.list(request.getHeaders("Connection")));
    for (String name : Collections.list(request.getHeaderNames())) {
      if (!RequestHeaders.copied(name, hopByHop)) {
        continue;
      }
      for (String value : Collections.list(request.getHeaders(name))) {
        try {
          builder.header(name, value);
        } catch (IllegalArgumentException restricted) {
          LOG.log(Level.FINE, "Header {0} not forwarded: {1}", new Object[] {name, restricted});
        }
      }
    }
    String host = request.getHeader("Host");
    if (keepsHost && host != null) {
      builder.header("Host", host);
    }
  }

  private static boolean restrictedHeaderAllowed(String name, String value) {
    try {
      HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).header(name, value);
      return true;
    } catch (IllegalArgumentException restricted) {
      LOG.log(
          Level.WARNING,
          "The JDK HTTP client may not set {0}. Start the JVM with"
              + " -Djdk.httpclient.allowRestrictedHeaders=host,connection (the launcher does).",
          name);
      return false;
    }
  }
}
