package dev.fleetgate.admin.security;

import jakarta.servlet.http.Cookie;
import java.util.ArrayList;
import java.util.List;

/**
 * The cookie that carries a {@link NodeSessionToken} (R11.1): {@value #NAME}, with the attributes
 * of the console's session cookie (security R7). HttpOnly: no script reads it. SameSite=Strict:
 * another site's form or link arrives without it. Path: the console's, so the proxy never hands it
 * to an app. Secure when the request came over TLS. No Max-Age: like the session cookie, it ends
 * with the browser; the token's own expiry ends it sooner.
 *
 * <p>Written as a header rather than through {@link Cookie}, whose SameSite attribute the server
 * may not write.
 */
final class NodeSessionCookie {

  /** The cookie's name. */
  static final String NAME = "FLEETGATE_CONSOLE_TOKEN";

  static final String SET_COOKIE = "Set-Cookie";

  private NodeSessionCookie() {}

  /** The values of every cookie named {@value #NAME}, in the order the request sent them. */
  static List<String> values(Cookie[] cookies) {
    List<String> values = new ArrayList<>(1);
    if (cookies != null) {
      for (Cookie cookie : cookies) {
        if (NAME.equals(cookie.getName()) && cookie.getValue() != null) {
          values.add(cookie.getValue());
        }
      }
    }
    return values;
  }

  /** The {@code Set-Cookie} header value that hands out {@code value}. */
  static String header(String value, String path, boolean secure) {
    return NAME + "=" + value + attributes(path, secure);
  }

  /** The {@code Set-Cookie} header value that removes the cookie (sign-out, R11.4). */
  static String clearing(String path, boolean secure) {
    return NAME + "=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT" + attributes(path, secure);
  }

  private static String attributes(String path, boolean secure) {
    return "; Path=" + path + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
  }
}
