package dev.fleetgate.proxy.tls;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * {@code fleetgate.tls.redirect-http} (T7): a plain-HTTP request gets a redirect to the same URL on
 * the TLS listener, as nginx's {@code return 301 https://$host$request_uri}: 301 for GET and HEAD,
 * 308 for the rest so that a client repeats the method and body. MicroProfile Health ({@code
 * /health}, {@code /health/*}) stays on plain HTTP for probes.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class HttpsRedirect extends HttpFilter {
  private static final long serialVersionUID = 1L;

  /** A host name, an IPv4 address or a bracketed IPv6 one: nothing that could break a header. */
  private static final Pattern HOST =
      Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]");

  private static volatile int httpsPort;

  /** The TLS listener to redirect to; 0 stops redirecting. */
  public static void redirectTo(int port) {
    httpsPort = port;
  }

  /** MicroProfile Health's paths: probes (Kubernetes, load balancers) ask over plain HTTP. */
  static boolean isHealth(String path) {
    return path.equals("/health") || path.startsWith("/health/");
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    int port = httpsPort;
    if (port == 0 || request.isSecure() || isHealth(request.getRequestURI())) {
      chain.doFilter(request, response);
      return;
    }
    String host = request.getServerName();
    if (host == null || !HOST.matcher(host).matches()) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST, "Bad Host");
      return;
    }
    String query = request.getQueryString();
    String location =
        "https://"
            + host
            + (port == 443 ? "" : ":" + port)
            + request.getRequestURI()
            + (query == null ? "" : "?" + query);
    String method = request.getMethod();
    response.setStatus(
        method.equals("GET") || method.equals("HEAD")
            ? HttpServletResponse.SC_MOVED_PERMANENTLY
            : 308);
    response.setHeader("Location", location);
    response.setContentLength(0);
  }
}
