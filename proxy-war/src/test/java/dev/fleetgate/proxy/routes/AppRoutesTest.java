package dev.fleetgate.proxy.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetgate.supervisor.config.ConfigValues;
import dev.fleetgate.supervisor.config.InvalidConfigurationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** R5: an app's hosts and paths as configured; a bad one refuses naming the key and the value. */
class AppRoutesTest {

  static ConfigValues values(Map<String, String> settings) {
    return new ConfigValues(key -> Optional.ofNullable(settings.get(key)));
  }

  static RouteTable<String> table(
      Map<String, String> settings, List<String> apps, String fallback) {
    return AppRoutes.table(
        AppRoutes.read(values(settings), apps), Optional.ofNullable(fallback), app -> app);
  }

  @Test
  void r5_theTwoAppExample() {
    RouteTable<String> table =
        table(
            Map.of(
                "fleetgate.apps.web.paths", "/",
                "fleetgate.apps.api.hosts", "api.example.test",
                "fleetgate.apps.api.paths", "/api/",
                "fleetgate.apps.api.strip-path", "true"),
            List.of("web", "api"),
            null);

    assertEquals("web", table.match("www.example.test", "/index.html").target());
    Route<String> byPath = table.match("www.example.test", "/api/users");
    assertEquals("api", byPath.target());
    assertEquals("/users", byPath.workerPath("/api/users"));
    Route<String> byHost = table.match("api.example.test", "/users");
    assertEquals("api", byHost.target());
    assertEquals("/users", byHost.workerPath("/users"), "a whole host strips nothing");
  }

  @Test
  void r5_aPathOnOneHost() {
    RouteTable<String> table =
        table(
            Map.of(
                "fleetgate.apps.v2.paths", "api.example.test/v2/", "fleetgate.apps.web.paths", "/"),
            List.of("v2", "web"),
            null);

    assertEquals("v2", table.match("api.example.test", "/v2/x").target());
    assertEquals("web", table.match("other.test", "/v2/x").target());
  }

  @Test
  void r5_badHostsAndPathsAreRefusedNamingTheKey() {
    for (Map.Entry<String, String> bad :
        Map.of(
                "fleetgate.apps.api.hosts", "api example.com",
                "fleetgate.apps.api.paths", "api",
                "fleetgate.apps.web.paths", "/a/../b",
                "fleetgate.apps.web.hosts", "*.",
                "fleetgate.apps.api.strip-path", "yes")
            .entrySet()) {
      InvalidConfigurationException e =
          assertThrows(
              InvalidConfigurationException.class,
              () ->
                  AppRoutes.read(
                      values(Map.of(bad.getKey(), bad.getValue())), List.of("web", "api")),
              bad.toString());
      assertEquals(bad.getKey(), e.key());
      assertTrue(e.getMessage().contains(bad.getValue()), e.getMessage());
    }
  }

  @Test
  void r5_twoAppsOnTheSameHostAndPathAreRefused() {
    InvalidConfigurationException e =
        assertThrows(
            InvalidConfigurationException.class,
            () ->
                AppRoutes.read(
                    values(
                        Map.of(
                            "fleetgate.apps.web.paths",
                            "/api",
                            "fleetgate.apps.api.paths",
                            "/api/")),
                    List.of("web", "api")));
    assertEquals("fleetgate.apps.api.paths", e.key());
    assertTrue(e.getMessage().contains("routed to app web too"), e.getMessage());
  }
}
