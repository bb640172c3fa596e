package dev.fleetgate.admin;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletContext;

/**
 * Where the console's pages are, relative to the application, in the shape it is deployed in (R4).
 *
 * <p>The shape comes from the context parameter {@value #PREFIX_PARAM}, the path before the
 * console's views: empty in the EAR (its own context root {@code /admin}, Faces on {@code
 * *.xhtml}), {@code /admin} in the merged WAR (context root {@code /}, Faces on {@code /admin/*}).
 * Jakarta Security reads {@code #{consolePaths.loginPage}} to find the login page.
 */
@Named
@ApplicationScoped
public class ConsolePaths {

  /** The web.xml context parameter naming the console's path prefix. */
  public static final String PREFIX_PARAM = "fleetgate.console.path-prefix";

  @Inject ServletContext servletContext;

  String prefix = "";

  @PostConstruct
  void readPrefix() {
    prefix = validPrefix(servletContext.getInitParameter(PREFIX_PARAM));
  }

  /**
   * Checks a prefix: empty (or absent), or a path that starts with a slash and does not end with
   * one.
   *
   * @throws IllegalArgumentException naming {@value #PREFIX_PARAM}
   */
  public static String validPrefix(String value) {
    String prefix = value == null ? "" : value.strip();
    if (!prefix.isEmpty() && (!prefix.startsWith("/") || prefix.endsWith("/"))) {
      throw new IllegalArgumentException(
          PREFIX_PARAM
              + " must be empty or like /admin (leading slash, none at the end): "
              + value);
    }
    return prefix;
  }

  /** The login page, relative to the application: {@code /login.xhtml} or {@code /admin/...}. */
  public String getLoginPage() {
    return prefix + "/login.xhtml";
  }

  /** The overview, relative to the application. */
  public String getIndexPage() {
    return prefix + "/index.xhtml";
  }
}
