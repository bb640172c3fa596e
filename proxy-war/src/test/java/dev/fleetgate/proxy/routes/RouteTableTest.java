package dev.fleetgate.proxy.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Which app serves a request: host first (exact, wildcard, any), then the longest path prefix. */
class RouteTableTest {

  /** The app's name for a request, or "404". */
  static String appFor(RouteTable<String> table, String host, String path) {
    Route<String> route = table.match(host, path);
    return route == null ? "404" : route.target();
  }

  static RouteTable.Builder<String> builder() {
    return new RouteTable.Builder<>();
  }

  @Test
  void r1_anExactHostTakesEveryPathOnIt() {
    RouteTable<String> table =
        builder()
            .route("api.example.com", "/", "api", "api", false)
            .route(null, "/", "web", "web", false)
            .build();

    assertEquals("api", appFor(table, "api.example.com", "/users"));
    assertEquals("api", appFor(table, "API.Example.COM", "/"), "host names ignore case");
    assertEquals("api", appFor(table, "api.example.com.", "/"), "and a trailing dot");
    assertEquals("web", appFor(table, "www.example.com", "/users"));
    assertEquals("web", appFor(table, null, "/users"), "a request without a host");
  }

  @Test
  void r1_aWildcardTakesEverySubdomainButNotTheDomainItself() {
    RouteTable<String> table =
        builder()
            .route("*.example.com", "/", "tenants", "tenants", false)
            .route("*.eu.example.com", "/", "eu", "eu", false)
            .route("admin.example.com", "/", "admin", "admin", false)
            .build();

    assertEquals("tenants", appFor(table, "acme.example.com", "/"));
    assertEquals("tenants", appFor(table, "a.b.example.com", "/"), "any depth, as nginx");
    assertEquals("eu", appFor(table, "acme.eu.example.com", "/"), "the longest wildcard wins");
    assertEquals("admin", appFor(table, "admin.example.com", "/"), "an exact name wins");
    assertEquals("404", appFor(table, "example.com", "/"));
    assertEquals("404", appFor(table, "notexample.com", "/"));
  }

  @Test
  void r2_theLongestPrefixWinsAtSegmentBoundaries() {
    RouteTable<String> table =
        builder()
            .route(null, "/", "web", "web", false)
            .route(null, "/api/", "api", "api", false)
            .route(null, "/api/v2", "v2", "v2", false)
            .build();

    assertEquals("api", appFor(table, "h", "/api/users"));
    assertEquals("api", appFor(table, "h", "/api"), "the prefix without its slash");
    assertEquals("v2", appFor(table, "h", "/api/v2/users"));
    assertEquals("v2", appFor(table, "h", "/api/v2"));
    assertEquals("api", appFor(table, "h", "/api/v20"), "/api/v2 is no prefix of /api/v20");
    assertEquals("web", appFor(table, "h", "/apix"), "nor /api of /apix");
    assertEquals("web", appFor(table, "h", "/"));
    assertEquals("web", appFor(table, "h", "*"), "OPTIONS *");
  }

  @Test
  void r2_aHostsPathsComeFirstThenTheAnyHostOnes() {
    RouteTable<String> table =
        builder()
            .route("api.example.com", "/v2/", "v2", "v2", false)
            .route(null, "/", "web", "web", false)
            .route(null, "/api/", "api", "api", false)
            .build();

    assertEquals("v2", appFor(table, "api.example.com", "/v2/x"));
    assertEquals("api", appFor(table, "api.example.com", "/api/x"), "not the host's: any host's");
    assertEquals("web", appFor(table, "api.example.com", "/other"));
    assertEquals("web", appFor(table, "www.example.com", "/v2/x"), "v2 is on its host only");
  }

  @Test
  void r3_stripRemovesTheMatchedPrefixAndKeepsARootPath() {
    RouteTable<String> table = builder().route(null, "/api/", "api", "api", true).build();

    Route<String> route = table.match("h", "/api/users/7");
    assertEquals("/users/7", route.workerPath("/api/users/7"));
    assertEquals("/", route.workerPath("/api"));
    assertEquals("/", route.workerPath("/api/"));
    assertEquals("/api", route.removedPrefix(), "X-Forwarded-Prefix");

    Route<String> kept =
        builder().route(null, "/api/", "api", "api", false).build().match("h", "/api/x");
    assertEquals("/api/x", kept.workerPath("/api/x"), "without strip the path stays");
    assertNull(kept.removedPrefix());
  }

  @Test
  void r4_unmatchedRequestsGoToTheDefaultAppOrGet404() {
    RouteTable.Builder<String> routes = builder().route(null, "/api/", "api", "api", false);
    assertEquals("404", appFor(routes.build(), "h", "/"));

    RouteTable<String> withDefault = routes.fallback("web", "web").build();
    assertEquals("web", appFor(withDefault, "h", "/"));
    assertEquals(
        "/", withDefault.match("h", "/").workerPath("/"), "the default app strips nothing");
    assertEquals("api", appFor(withDefault, "h", "/api/x"));
  }
}
