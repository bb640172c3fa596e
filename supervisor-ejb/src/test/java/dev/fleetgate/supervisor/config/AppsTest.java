package dev.fleetgate.supervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R6: apps, each with its own view of the settings over the global keys. */
class AppsTest {
  static final Map<String, String> DEFAULTS =
      ConfigCheck.shippedDefaults(AppsTest.class.getClassLoader());

  @Test
  @DisplayName("R6 without fleetgate.apps there is one app, default, read from fleetgate.workers.*")
  void withoutAppsTheOneAppIsDefault() {
    List<SupervisorConfig> apps =
        SupervisorConfig.readApps(ShippedDefaults.with(Map.of("fleetgate.workers.count", "3")), 2);
    assertEquals(1, apps.size());
    assertEquals("default", apps.get(0).app());
    assertEquals(3, apps.get(0).count());
  }

  @Test
  @DisplayName("R6 an app's own key wins; an unset one is the global key's value")
  void anAppsOwnKeysWinOverTheGlobalOnes() {
    List<SupervisorConfig> apps =
        SupervisorConfig.readApps(
            ShippedDefaults.with(
                Map.of(
                    "fleetgate.apps", "web, api",
                    "fleetgate.workers.stop-grace", "7s",
                    "fleetgate.apps.web.count", "2",
                    "fleetgate.apps.web.base-port", "8001",
                    "fleetgate.apps.api.count", "1",
                    "fleetgate.apps.api.base-port", "8101",
                    "fleetgate.apps.api.command", "python3 api.py",
                    "fleetgate.apps.api.stop-grace", "2s")),
            4);
    assertEquals(List.of("web", "api"), apps.stream().map(SupervisorConfig::app).toList());
    assertEquals(8001, apps.get(0).portOf(0));
    assertEquals(List.of(SupervisorConfig.SAMPLE_WORKER), apps.get(0).command());
    assertEquals(7, apps.get(0).stopGrace().toSeconds(), "web inherits the global value");
    assertEquals(List.of("python3", "api.py"), apps.get(1).command());
    assertEquals(2, apps.get(1).stopGrace().toSeconds(), "api sets its own");
  }

  @Test
  @DisplayName("R6 a bad value names the app's key that held it")
  void aBadValueNamesTheAppsKey() {
    InvalidConfigurationException e =
        assertThrows(
            InvalidConfigurationException.class,
            () ->
                SupervisorConfig.readApps(
                    ShippedDefaults.with(
                        Map.of(
                            "fleetgate.apps", "api",
                            "fleetgate.apps.api.count", "lots")),
                    1));
    assertEquals("fleetgate.apps.api.count", e.key());
  }

  @Test
  @DisplayName("R6 apps whose ports overlap (one spare each for rolling restarts) are refused")
  void overlappingPortsAreRefused() {
    InvalidConfigurationException e =
        assertThrows(
            InvalidConfigurationException.class,
            () ->
                SupervisorConfig.readApps(
                    ShippedDefaults.with(
                        Map.of(
                            "fleetgate.apps", "web,api",
                            "fleetgate.apps.web.count", "2",
                            "fleetgate.apps.web.base-port", "8001",
                            "fleetgate.apps.api.count", "1",
                            "fleetgate.apps.api.base-port", "8003")),
                    1));
    assertEquals("fleetgate.apps.api.base-port", e.key());
    assertTrue(e.getMessage().contains("overlap app web's 8001-8002"), e.getMessage());
  }

  @Test
  @DisplayName("R6 bad app names, twice the same, and an unknown default app are refused")
  void appNamesAreChecked() {
    for (Map<String, String> bad :
        List.of(
            Map.of("fleetgate.apps", "Web"),
            Map.of("fleetgate.apps", "web,web"),
            Map.of("fleetgate.apps", "web", "fleetgate.default-app", "api"))) {
      assertThrows(
          InvalidConfigurationException.class,
          () -> SupervisorConfig.readApps(ShippedDefaults.with(bad), 1),
          bad.toString());
    }
  }

  @Test
  @DisplayName("R6 with one app it serves every request; with several, only a named default")
  void theDefaultRoute() {
    assertEquals(
        Optional.of("web"), Apps.defaultRoute(ShippedDefaults.with(Map.of()), List.of("web")));
    assertEquals(
        Optional.empty(), Apps.defaultRoute(ShippedDefaults.with(Map.of()), List.of("web", "api")));
  }

  @Test
  @DisplayName("R3 R6 app keys are known as properties and as environment variables")
  void appKeysAreKnown() {
    assertTrue(KnownKeys.isKey("fleetgate.apps.api.health-check.path"));
    assertTrue(KnownKeys.isKey("fleetgate.apps.my-api.hosts"));
    assertTrue(KnownKeys.isVariable("FLEETGATE_APPS_MY_API_BASE_PORT"));
    assertTrue(KnownKeys.unknownKey("fleetgate.apps.api.cont", "test").isPresent());
    assertTrue(KnownKeys.unknownKey("fleetgate.apps.api.sync-threads", "test").isPresent());
  }

  @Test
  @DisplayName("R6 a key of an app that fleetgate.apps does not list is a problem naming it")
  void keysOfUnlistedAppsAreProblems() {
    ConfigFile file =
        new ConfigFile(
            Optional.of(Path.of("/etc/fleetgate.properties")),
            "test",
            Map.of(
                "fleetgate.apps", "web",
                "fleetgate.apps.web.base-port", "8001",
                "fleetgate.apps.wbe.count", "2"),
            Optional.empty());
    LayeredConfig view =
        new LayeredConfig(DEFAULTS, file, Map.of(), Map.of("FLEETGATE_APPS_API_COUNT", "1"));
    List<String> problems =
        ConfigCheck.problems(view, file, List.of(ConfigCheck.SUPERVISOR), DEFAULTS).stream()
            .map(ConfigProblem::text)
            .toList();
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("fleetgate.apps.wbe.count"), problems.toString());
    assertTrue(problems.get(0).contains("does not list (apps: web)"), problems.toString());
    assertTrue(problems.get(1).contains("FLEETGATE_APPS_API_COUNT"), problems.toString());
  }
}
