package dev.fleetgate.admin.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.servlet.http.Cookie;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NodeSessionCookieTest {

  @Test
  @DisplayName("R11.1 the cookie is HttpOnly, SameSite=Strict and scoped to the console's path")
  void setsCookieAttributes() {
    assertEquals(
        "FLEETGATE_CONSOLE_TOKEN=1.abc.r.1.2.sig; Path=/admin; HttpOnly; SameSite=Strict",
        NodeSessionCookie.header("1.abc.r.1.2.sig", "/admin", false));
  }

  @Test
  @DisplayName("R11.1 the cookie is Secure when the request came over TLS")
  void secureOverTls() {
    assertEquals(
        "FLEETGATE_CONSOLE_TOKEN=v; Path=/admin; HttpOnly; SameSite=Strict; Secure",
        NodeSessionCookie.header("v", "/admin", true));
  }

  @Test
  @DisplayName("R11.4 signing out sends the cookie expired, with the same path")
  void clearsCookie() {
    assertEquals(
        "FLEETGATE_CONSOLE_TOKEN=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/admin;"
            + " HttpOnly; SameSite=Strict",
        NodeSessionCookie.clearing("/admin", false));
  }

  @Test
  @DisplayName("R11.2 every cookie of the name is read, others are not")
  void readsEveryCookieOfTheName() {
    Cookie[] cookies = {
      new Cookie("FLEETGATE_CONSOLE", "session"),
      new Cookie(NodeSessionCookie.NAME, "first"),
      new Cookie("other", "x"),
      new Cookie(NodeSessionCookie.NAME, "second")
    };

    assertEquals(List.of("first", "second"), NodeSessionCookie.values(cookies));
    assertEquals(List.of(), NodeSessionCookie.values(null));
  }
}
