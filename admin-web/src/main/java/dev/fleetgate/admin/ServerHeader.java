package dev.fleetgate.admin;

import dev.fleetgate.supervisor.config.InvalidConfigurationException;
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
 * Sends Fleetgate's own {@code Server} header (R15): {@value #KEY}, {@code Fleetgate} by default,
 * no header at all when set to {@code none} (or empty). Payara's own header is turned off on the
 * listener ({@code micro-war/src/main/asadmin/hardening.asadmin}).
 *
 * <p>Declared in web.xml for {@code /*}: in the merged WAR it runs before the proxy on every
 * request, so it sets one header and does nothing else — no lock, no allocation of its own. The
 * value is read and validated once, when the application starts; a bad one stops it naming the key.
 */
public class ServerHeader implements Filter {

  /** The configuration key: the header's text; {@code none} for none. */
  static final String KEY = "fleetgate.http.server-header";

  static final String DEFAULT = "Fleetgate";

  /**
   * The value that sends no header. An empty value would do too, but Payara's MicroProfile Config
   * takes an empty override as unset and answers the shipped default instead.
   */
  static final String NONE = "none";

  private static final int MAX_LENGTH = 200;

  /** The header's text, or null to send none. */
  String value;

  @Override
  public void init(FilterConfig config) {
    ConfigValue setting = ConfigProvider.getConfig().getConfigValue(KEY);
    value = parse(setting.getSourceName() == null ? null : setting.getRawValue());
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (value != null) {
      ((HttpServletResponse) response).setHeader("Server", value);
    }
    chain.doFilter(request, response);
  }

  /**
   * The header to send for a raw setting: null (unset) is the default, {@code none}, empty or blank
   * is none; anything else must be printable ASCII (RFC 9110 field value), at most 200 characters.
   */
  static String parse(String raw) {
    if (raw == null) {
      return DEFAULT;
    }
    String text = raw.strip();
    if (text.isEmpty() || text.equalsIgnoreCase(NONE)) {
      return null;
    }
    if (text.length() > MAX_LENGTH) {
      throw new InvalidConfigurationException(
          KEY, raw, "longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 || c > 0x7e) && c != '\t') {
        throw new InvalidConfigurationException(
            KEY, raw, "only printable ASCII characters may be sent in a header");
      }
    }
    return text;
  }
}
