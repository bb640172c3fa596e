package dev.fleetgate.admin.api;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Lets a request into the API only with {@code Authorization: Bearer <fleetgate.admin.api-token>}
 * (R1). Without a configured token every call is answered 403: the API is off, never open by
 * default. A missing or wrong token gets 401.
 *
 * <p>Only the bearer token counts, never the console's session cookie: a POST that a browser sends
 * on its own (a form on another site) carries the cookie but cannot carry this header, so the API
 * needs no CSRF token. A servlet filter rather than a JAX-RS one, declared in both web.xml files
 * for the API's path, so that it runs before JAX-RS matches anything (an unknown path is refused
 * like a known one) and sees the caller's address for the log. The token is read and validated
 * once, when the application starts: a bad one stops it, naming the key. A request with a body that
 * asks for an HTTP/2 upgrade gets 400 at once ({@link #upgradeWithBody}).
 */
public class ApiAccess implements Filter {

  private static final Logger LOG = Logger.getLogger(ApiAccess.class.getName());

  ApiToken token;

  @Override
  public void init(FilterConfig config) {
    token = ApiToken.of(ConfigProvider.getConfig().getOptionalValue(ApiToken.KEY, String.class));
    LOG.log(
        Level.INFO,
        token.configured()
            ? "Fleetgate API: on, for callers that send the token of {0}"
            : "Fleetgate API: off (set {0} to turn it on)",
        ApiToken.KEY);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    HttpServletResponse answer = (HttpServletResponse) response;
    switch (token.check(http.getHeader("Authorization"))) {
      case ALLOWED -> {
        if (upgradeWithBody(http)) {
          refuse(
              answer,
              HttpServletResponse.SC_BAD_REQUEST,
              "The API speaks HTTP/1.1 without Upgrade: send the request without Upgrade: h2c"
                  + " (Java: HttpClient.Version.HTTP_1_1).");
        } else {
          chain.doFilter(request, response);
        }
      }
      case OFF ->
          refuse(
              answer,
              HttpServletResponse.SC_FORBIDDEN,
              "The API is off: set " + ApiToken.KEY + " to turn it on.");
      case MISSING -> unauthorized(answer, "Send the API token: Authorization: Bearer <token>.");
      case WRONG -> {
        LOG.log(
            Level.WARNING,
            "Fleetgate API: wrong token from {0} for {1} {2}",
            new Object[] {http.getRemoteAddr(), http.getMethod(), http.getRequestURI()});
        unauthorized(answer, "The API token is wrong.");
      }
    }
  }

  /**
   * A request with a body that asks to upgrade the connection, as the JDK's HTTP client does by
   * default ({@code Upgrade: h2c}): Payara's Grizzly never hands its body to a blocking read, so
   * JAX-RS would wait for it until a timeout. Answered at once instead (DEVELOPERS.md, "Traps").
   */
  static boolean upgradeWithBody(HttpServletRequest request) {
    return request.getHeader("Upgrade") != null
        && (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null);
  }

  private static void unauthorized(HttpServletResponse answer, String message) throws IOException {
    answer.setHeader("WWW-Authenticate", "Bearer realm=\"fleetgate\"");
    refuse(answer, HttpServletResponse.SC_UNAUTHORIZED, message);
  }

  /** Writes the answer itself: sendError would turn it into the console's HTML error page. */
  private static void refuse(HttpServletResponse answer, int status, String message)
      throws IOException {
    byte[] body = JsonAnswer.messageBody(false, message).getBytes(StandardCharsets.UTF_8);
    answer.setStatus(status);
    answer.setContentType(JsonAnswer.JSON);
    answer.setHeader("Cache-Control", "no-store");
    answer.setContentLength(body.length);
    answer.getOutputStream().write(body);
  }
}
