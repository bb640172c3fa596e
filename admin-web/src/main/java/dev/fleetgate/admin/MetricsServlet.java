package dev.fleetgate.admin;

import dev.fleetgate.admin.security.ConsoleIdentityStore;
import dev.fleetgate.supervisor.boundary.Supervisor;
import dev.fleetgate.supervisor.traffic.PrometheusText;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The fleet in the Prometheus text format, for scrapers and for signed-in operators (R9).
 *
 * <p>Mapped in web.xml, never by annotation: {@code /metrics} in the EAR (context root {@code
 * /admin}), {@code /admin/metrics} in the merged WAR, where an annotation's path would take a
 * worker's own {@code /metrics} away from the proxy. The URL is left open by the security
 * constraints so that a scraper gets 401 (not a redirect to the login page); this servlet decides.
 */
public class MetricsServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @EJB transient Supervisor supervisor;

  @Inject
  @ConfigProperty(name = MetricsAccess.TOKEN_KEY)
  transient Optional<String> token;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    boolean inConsoleRole =
        request.isUserInRole(ConsoleIdentityStore.ROLE)
            || request.isUserInRole(ConsoleIdentityStore.VIEWER_ROLE);
    if (!new MetricsAccess(token).allows(inConsoleRole, request.getHeader("Authorization"))) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"fleetgate\"");
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
      return;
    }
    response.setContentType(PrometheusText.CONTENT_TYPE);
    response.setHeader("Cache-Control", "no-store");
    response.getWriter().write(supervisor.prometheusText());
  }
}
