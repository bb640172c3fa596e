package dev.fleetgate.proxy;

import dev.fleetgate.proxy.balance.RoundRobin;
import dev.fleetgate.proxy.headers.ForwardedHeaders;
import dev.fleetgate.proxy.headers.HopByHopHeaders;
import dev.fleetgate.supervisor.boundary.Supervisor;
import dev.fleetgate.supervisor.config.ConfigValues;
import dev.fleetgate.supervisor.routing.RoutingTable;
import dev.fleetgate.supervisor.routing.Upstream;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Fleetgate's front door: forwards every request to a ready worker and streams the answer back. A
 * request's way, top to bottom in {@link #service}: choose a worker → build the worker request
 * (target, headers, forwarding headers, body) → send → relay status, headers and body → on failure
 * answer 502 or 504. See {@code package-info.java} for the requirements.
 */
@WebServlet(urlPatterns = "/*", asyncSupported = true, loadOnStartup = 1)
public class ProxyServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(ProxyServlet.class.getName());

  /** Request headers not copied as they are: the client regenerates or we set them. */
  private static final Set<String> NOT_COPIED =
      Set.of(
          "host",
          "content-length",
          "expect",
          "x-forwarded-for",
          "x-forwarded-proto",
          "x-forwarded-host",
          "x-forwarded-port");

  @EJB private transient Supervisor supervisor;
  @Inject private transient ProxyStatus status;

  private transient RoutingTable routing;
  private transient HttpClient client;
  private transient Duration responseTimeout;
  private transient boolean keepsHost;
  private final transient RoundRobin balancer = new RoundRobin();

  @Override
  public void init() {
    Config config = ConfigProvider.getConfig();
    ConfigValues values = new ConfigValues(key -> config.getOptionalValue(key, String.class));
    Duration connectTimeout =
        values.duration("fleetgate.proxy.connect-timeout", Duration.ofMillis(1));
    responseTimeout = values.duration("fleetgate.proxy.response-timeout", Duration.ofMillis(1));
    client =
        HttpClient.newBuilder()
            // Workers speak HTTP/1.1, as with nginx's proxy_http_version 1.1; no h2c upgrade tries.
            .version(HttpClient.Version.HTTP_1_1)
            // A worker's redirect is for the client to follow, not for us.
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(connectTimeout)
            // No cookie handler: cookies of different clients must never mix. The client's own
            // executor runs its short callbacks; it must not queue behind application tasks.
            .build();
    keepsHost = hostHeaderAllowed();
    routing = supervisor.routingTable();
    status.opened(routing);
  }

  @Override
  public void destroy() {
    status.closed();
    // JDK 17's HttpClient has no close(): dropping it lets its selector thread end.
    client = null;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if ("CONNECT".equals(request.getMethod())) {
      reply(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "CONNECT is not supported");
      return;
    }
    Upstream worker = balancer.choose(routing.current().ready());
    if (worker == null) {
      LOG.log(
          Level.WARNING,
          "No worker is ready for {0} {1}",
          new Object[] {request.getMethod(), request.getRequestURI()});
      reply(response, HttpServletResponse.SC_BAD_GATEWAY, "no worker is ready");
      return;
    }
    HttpRequest outbound;
    try {
      outbound = buildRequest(request, worker);
    } catch (IllegalArgumentException e) {
      reply(response, HttpServletResponse.SC_BAD_REQUEST, "bad request: " + e.getMessage());
      return;
    }
    AsyncContext async = request.startAsync();
    async.setTimeout(0); // the worker's own pace decides; timeouts are the client's and ours below
    send(outbound, new Exchange(async, response, worker));
  }

  // ---- build the worker's request ---------------------------------------------------------

  private HttpRequest buildRequest(HttpServletRequest request, Upstream worker) {
    String query = request.getQueryString();
    URI target =
        URI.create(worker.baseUri() + request.getRequestURI() + (query == null ? "" : "?" + query));
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(target)
            .timeout(responseTimeout)
            .method(request.getMethod(), body(request));
    copyHeaders(request, builder);
    addForwardingHeaders(request, builder);
    return builder.build();
  }

  private void copyHeaders(HttpServletRequest request, HttpRequest.Builder builder) {
    HopByHopHeaders hopByHop =
        HopByHopHeaders.of(Collections.list(request.getHeaders("Connection")));
    for (String name : Collections.list(request.getHeaderNames())) {
      if (hopByHop.contains(name) || NOT_COPIED.contains(name.toLowerCase(Locale.ROOT))) {
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

  private static void addForwardingHeaders(
      HttpServletRequest request, HttpRequest.Builder builder) {
    ForwardedHeaders.of(
            request.getHeader("X-Forwarded-For"),
            request.getRemoteAddr(),
            request.getScheme(),
            request.getHeader("Host"),
            request.getLocalPort())
        .forEach(builder::setHeader);
  }

  /** Streams the client's body to the worker; its length is kept when the client sent one. */
  private static BodyPublisher body(HttpServletRequest request) {
    long length = request.getContentLengthLong();
    boolean chunked = request.getHeader("Transfer-Encoding") != null;
    if (length == 0 || (length < 0 && !chunked)) {
      return BodyPublishers.noBody();
    }
    BodyPublisher stream =
        BodyPublishers.ofInputStream(
            () -> {
              try {
                return request.getInputStream();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    return length > 0 ? BodyPublishers.fromPublisher(stream, length) : stream;
  }

  // ---- send, relay, fail ------------------------------------------------------------------

  private void send(HttpRequest outbound, Exchange exchange) {
    exchange.worker.requestStarted();
    CompletableFuture<HttpResponse<Void>> sent = client.sendAsync(outbound, exchange::relayHead);
    exchange.onClientGone(() -> sent.cancel(true));
    sent.whenComplete(
        (answer, error) -> {
          if (error != null) {
            exchange.fail(error instanceof CompletionException ? error.getCause() : error);
          }
        });
  }

  static void reply(HttpServletResponse response, int status, String text) throws IOException {
    response.setStatus(status);
    response.setContentType("text/plain;charset=UTF-8");
    byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private static boolean hostHeaderAllowed() {
    try {
      HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).header("Host", "probe");
      return true;
    } catch (IllegalArgumentException restricted) {
      LOG.warning(
          "The JDK HTTP client may not set Host: workers see their own address as Host. Start"
              + " the JVM with -Djdk.httpclient.allowRestrictedHeaders=host to keep the client's.");
      return false;
    }
  }

  /** One proxied request in flight: relays the worker's answer, or the failure, exactly once. */
  private static final class Exchange {
    private final AsyncContext async;
    private final HttpServletResponse response;
    private final Upstream worker;
    private final java.util.concurrent.atomic.AtomicBoolean finished =
        new java.util.concurrent.atomic.AtomicBoolean();
    private volatile ResponseRelay relay;

    Exchange(AsyncContext async, HttpServletResponse response, Upstream worker) {
      this.async = async;
      this.response = response;
      this.worker = worker;
    }

    HttpResponse.BodySubscriber<Void> relayHead(HttpResponse.ResponseInfo head) {
      response.setStatus(head.statusCode());
      HopByHopHeaders hopByHop = HopByHopHeaders.of(head.headers().allValues("connection"));
      head.headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!name.startsWith(":") && !hopByHop.contains(name)) {
                  values.forEach(value -> response.addHeader(name, value));
                }
              });
      try {
        relay = new ResponseRelay(response.getOutputStream(), this::finish);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      relay.start();
      return relay;
    }

    void onClientGone(Runnable cancelUpstream) {
      async.addListener(
          new jakarta.servlet.AsyncListener() {
            @Override
            public void onComplete(jakarta.servlet.AsyncEvent event) {}

            @Override
            public void onTimeout(jakarta.servlet.AsyncEvent event) {
              gone(event);
            }

            @Override
            public void onError(jakarta.servlet.AsyncEvent event) {
              gone(event);
            }

            @Override
            public void onStartAsync(jakarta.servlet.AsyncEvent event) {}

            private void gone(jakarta.servlet.AsyncEvent event) {
              cancelUpstream.run();
              ResponseRelay r = relay;
              if (r != null) {
                r.cancel(event.getThrowable());
              }
              finish();
            }
          });
    }

    void fail(Throwable error) {
      boolean timeout = error instanceof HttpTimeoutException;
      LOG.log(
          Level.WARNING,
          "Worker {0} failed: {1}",
          new Object[] {Integer.toString(worker.workerId()), error.toString()});
      if (!response.isCommitted() && relay == null) {
        try {
          response.reset();
          reply(
              response,
              timeout ? HttpServletResponse.SC_GATEWAY_TIMEOUT : HttpServletResponse.SC_BAD_GATEWAY,
              (timeout ? "gateway timeout: worker " : "bad gateway: worker ")
                  + worker.workerId()
                  + (timeout ? " did not answer in time" : " could not be reached"));
        } catch (IOException | IllegalStateException e) {
          LOG.log(Level.FINE, "Client gone before the error reply", e);
        }
      }
      finish();
    }

    void finish() {
      if (finished.compareAndSet(false, true)) {
        worker.requestFinished();
        try {
          async.complete();
        } catch (IllegalStateException alreadyComplete) {
          LOG.log(Level.FINE, "Exchange already complete", alreadyComplete);
        }
      }
    }
  }
}
