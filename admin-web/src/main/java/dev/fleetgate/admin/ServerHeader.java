package dev.fleetgate.admin;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;

/**
 * Sends Fleetgate's own {@code Server} header (R15): {@value ServerHeaderValue#KEY}, {@code
 * Fleetgate} by default, no header at all when set to {@code none} (or empty). Payara's own header
 * is turned off on the listener ({@code micro-war/src/main/asadmin/hardening.asadmin}).
 *
 * <p>Declared in web.xml for {@code /*}: in the merged WAR it runs before the proxy on every
 * request, so it sets one header and does nothing else — no lock, no allocation of its own. The
 * value is read and validated once, when the application starts ({@link ServerHeaderValue}); a bad
 * one stops it naming the key.
 */
public class ServerHeader implements Filter {

  /** The header's text, or null to send none. */
  String value;

  @Override
  public void init(FilterConfig config) {
    ConfigValue setting = ConfigProvider.getConfig().getConfigValue(ServerHeaderValue.KEY);
    value = ServerHeaderValue.parse(setting.getSourceName() == null ? null : setting.getRawValue());
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (value != null) {
      ((HttpServletResponse) response).setHeader("Server", value);
    }
    chain.doFilter(request, response);
  }
}
