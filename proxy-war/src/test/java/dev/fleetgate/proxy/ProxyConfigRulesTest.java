package dev.fleetgate.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fleetgate.supervisor.config.ConfigCheck;
import dev.fleetgate.supervisor.config.ConfigFile;
import dev.fleetgate.supervisor.config.ConfigProblem;
import dev.fleetgate.supervisor.config.ConfigRules;
import dev.fleetgate.supervisor.config.LayeredConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The proxy's rules, as the start-up check and {@code fleetgate check} run them. */
class ProxyConfigRulesTest {
  static final Map<String, String> DEFAULTS =
      ConfigCheck.shippedDefaults(ProxyConfigRulesTest.class.getClassLoader());

  @Test
  @DisplayName(
      "R16 the proxy's and the front door's bad values are all reported with the supervisor's")
  void reportsEveryBadValueOfEveryModule() {
    LayeredConfig view =
        new LayeredConfig(
            DEFAULTS,
            ConfigFile.locate(n -> null, n -> null),
            Map.of("fleetgate.proxy.balance", "random"),
            Map.of(
                "FLEETGATE_WORKERS_COUNT", "many",
                "FLEETGATE_PROXY_MAX_TRIES", "0",
                "FLEETGATE_PROXY_ACCESS_LOG_FORMAT", "{client} {user}",
                "FLEETGATE_HTTP_HEADER_TIMEOUT", "10ms"));
    List<ConfigRules> rules = List.of(ConfigCheck.SUPERVISOR, new ProxyConfigRules());

    List<String> problems =
        ConfigCheck.problems(view, ConfigFile.locate(n -> null, n -> null), rules, DEFAULTS)
            .stream()
            .map(ConfigProblem::name)
            .toList();

    assertEquals(
        List.of(
            "fleetgate.workers.count",
            "fleetgate.proxy.balance",
            "fleetgate.proxy.max-tries",
            "fleetgate.proxy.access-log-format",
            "fleetgate.http.header-timeout"),
        problems);
  }

  @Test
  @DisplayName("R16 the shipped defaults pass the proxy's rules")
  void defaultsPass() {
    new ProxyConfigRules().apply(ProxySettingsTest.shipped(Map.of()));
  }
}
